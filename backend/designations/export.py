"""The eligibility list as CSV for the federation's award paperwork: a file that leaves the
platform, so counts of people (households supplying, disabled employees) between 1 and 4 are
withheld with the statistics' suppression policy (`backend.statistics.suppression`), and each
download writes an audit row."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEventType
from backend.designations.eligibility import Candidate, eligibility_list
from backend.regions.models import Region
from backend.statistics.scope import region_key
from backend.statistics.suppression import suppression_policy


@dataclass(frozen=True)
class CsvFile:
    filename: str
    content: bytes
    content_type: str = "text/csv; charset=utf-8"


def _people(count: int, threshold: int, mark: str) -> str:
    return mark if 0 < count < threshold else str(count)


def _amount(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def candidate_lines(candidates: list[Candidate]) -> list[list[str]]:
    policy = suppression_policy()
    lines = [
        [
            _("Designation"),
            _("Name"),
            _("Region"),
            _("Sales in the year (yuan)"),
            _("Households supplying"),
            _("of them with a disabled member"),
            _("Bases sourced from"),
            _("Disabled employees"),
            _("Eligible"),
            _("Status"),
            _("Award (yuan)"),
        ]
    ]
    for found in candidates:
        figures = found.row.figures
        designation = found.designation
        lines.append(
            [
                found.kind_label,
                found.row.name,
                found.row.region_name,
                _amount(figures.sales_amount) if found.subject == "producer" else "",
                _people(figures.households, policy.threshold, policy.mark),
                _people(figures.disabled_households, policy.threshold, policy.mark),
                str(figures.bases) if found.subject == "enterprise" else "",
                _people(figures.disabled_employees, policy.threshold, policy.mark),
                _("yes") if found.eligible else _("no"),
                _("confirmed") if designation else _("not yet confirmed"),
                _amount(designation.award_amount) if designation else "",
            ]
        )
    return lines


def export_eligibility_csv(year: int, *, actor: User, region: Region) -> CsvFile:
    candidates = eligibility_list(year, actor=actor, region=region)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(candidate_lines(candidates))
    with transaction.atomic(durable=True):
        record_audit_event(
            AuditEventType.DESIGNATION_LIST_EXPORTED,
            actor=actor,
            subject=region,
            extra={"year": year, "rows": len(candidates), "format": "csv"},
        )
    return CsvFile(
        filename=f"designations-{region_key(region)}-{year}.csv",
        content=("\ufeff" + buffer.getvalue()).encode("utf-8"),
    )
