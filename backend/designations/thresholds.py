"""An operator sets a region's figures for one kind of designation (one audited transaction).

Only an operator covering the region may set it; a row for the whole country (no region) needs
an operator covering the whole country. Empty figures fall back up the region tree and then to
the policy's defaults (`backend.designations.policies.ThresholdBook`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEventType
from backend.designations.errors import DesignationError, DesignationErrorCode
from backend.designations.locks import lock_threshold
from backend.designations.models import DesignationKind, DesignationThreshold
from backend.regions.models import Region
from backend.sellers.permissions import is_operator
from backend.statistics.scope import covers_whole_country, regions_for_reader


@dataclass(frozen=True)
class ThresholdFigures:
    min_sales_amount: Decimal | None = None
    min_households: int | None = None
    min_bases: int | None = None
    min_disabled_employees: int | None = None
    award_amount: Decimal | None = None


def _as_text(figures: ThresholdFigures) -> dict[str, str | None]:
    return {k: None if v is None else str(v) for k, v in asdict(figures).items()}


def may_set_threshold(actor: User, region: Region | None) -> bool:
    if not is_operator(actor):
        return False
    if region is None:
        return covers_whole_country(actor)
    return regions_for_reader(actor).filter(pk=region.pk).exists()


def set_designation_threshold(
    kind: str, region: Region | None, figures: ThresholdFigures, *, actor: User
) -> DesignationThreshold:
    if kind not in DesignationKind.values:
        raise DesignationError(
            DesignationErrorCode.INVALID, _("Choose a designation"), field="kind"
        )
    if not may_set_threshold(actor, region):
        raise DesignationError(DesignationErrorCode.NOT_FOUND, _("No such region"), field="region")
    for name in ("min_sales_amount", "award_amount"):
        value = getattr(figures, name)
        if value is not None and (value < 0 or value != value.quantize(Decimal("0.01"))):
            raise DesignationError(
                DesignationErrorCode.INVALID,
                _("Enter an amount in yuan, like 100000 or 100000.50"),
                field=name,
            )
    with transaction.atomic(durable=True):
        DesignationThreshold.objects.get_or_create(region=region, kind=kind)
        row = lock_threshold(kind, None if region is None else region.pk)
        old = ThresholdFigures(
            row.min_sales_amount,
            row.min_households,
            row.min_bases,
            row.min_disabled_employees,
            row.award_amount,
        )
        for name, value in asdict(figures).items():
            setattr(row, name, value)
        row.updated_by = actor
        row.updated_at = timezone.now()
        row.save(update_fields=[*asdict(figures), "updated_by", "updated_at"])
        record_audit_event(
            AuditEventType.DESIGNATION_THRESHOLD_SET,
            actor=actor,
            subject=row,
            old=_as_text(old),
            new=_as_text(figures),
            extra={"kind": kind, "region": None if region is None else region.pk},
        )
    return row
