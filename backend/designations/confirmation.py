"""An operator confirms a designation for an eligible candidate, or revokes one: each in one
audited transaction.

Confirmation re-measures the candidate inside the transaction, after locking the subject (so
two operators confirming at once make one designation; the partial unique constraint is the
last line of defence), and refuses when the candidate is no longer eligible or already holds
the designation for that year.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.designations.eligibility import Candidate, candidate
from backend.designations.errors import DesignationError, DesignationErrorCode
from backend.designations.events import record_designation_event
from backend.designations.locks import lock_designation, lock_enterprise, lock_producer
from backend.designations.models import Designation, DesignationLevel, DesignationStatus
from backend.designations.permissions import DesignationAction, designation_policy, narrowed
from backend.designations.policies import Subject
from backend.regions.models import Region

CENT = Decimal("0.01")


@dataclass(frozen=True)
class ConfirmationDraft:
    level: str
    awarded_on: datetime.date
    award_amount: Decimal


def _validate(draft: ConfirmationDraft, year: int) -> None:
    if draft.level not in DesignationLevel.values:
        raise DesignationError(
            DesignationErrorCode.INVALID, _("Choose the level of the designation"), field="level"
        )
    if draft.award_amount < 0 or draft.award_amount != draft.award_amount.quantize(CENT):
        raise DesignationError(
            DesignationErrorCode.INVALID,
            _("Award must be an amount in yuan, like 10000 or 10000.50"),
            field="award_amount",
        )
    if draft.awarded_on.year < year:
        raise DesignationError(
            DesignationErrorCode.INVALID,
            _("Date awarded must be in or after the year assessed"),
            field="awarded_on",
        )


def _evidence(found: Candidate) -> dict[str, Any]:
    figures = asdict(found.row.figures)
    thresholds = asdict(found.thresholds)
    return {
        "figures": {k: str(v) for k, v in figures.items()},
        "thresholds": {k: (None if v is None else str(v)) for k, v in thresholds.items()},
        "region": found.row.region_name,
    }


def confirm_designation(
    year: int,
    kind: str,
    subject: str,
    subject_id: int,
    draft: ConfirmationDraft,
    *,
    actor: User,
) -> Designation:
    _validate(draft, year)
    # Not in the actor's regions, missing, or of a kind that cannot hold it: NOT_FOUND.
    candidate(year, kind, subject, subject_id, actor=actor)
    with transaction.atomic(durable=True):
        if subject == Subject.PRODUCER:
            lock_producer(subject_id)
        else:
            lock_enterprise(subject_id)
        found = candidate(year, kind, subject, subject_id, actor=actor)
        if found.designation is not None:
            raise DesignationError(
                DesignationErrorCode.ALREADY_CONFIRMED,
                _("This designation is already confirmed for that year"),
            )
        if not found.eligible:
            raise DesignationError(
                DesignationErrorCode.NOT_ELIGIBLE,
                _("The ledger no longer shows this candidate as eligible"),
            )
        designation = Designation.objects.create(
            kind=kind,
            year=year,
            producer_id=subject_id if subject == Subject.PRODUCER else None,
            enterprise_id=subject_id if subject == Subject.ENTERPRISE else None,
            region_id=found.row.path.region_id,
            level=draft.level,
            awarded_on=draft.awarded_on,
            award_amount=draft.award_amount,
            status=DesignationStatus.CONFIRMED,
            evidence=_evidence(found),
            confirmed_by=actor,
        )
        record_designation_event(
            AuditEventType.DESIGNATION_CONFIRMED,
            designation,
            actor=actor,
            new={
                "status": designation.status,
                "level": designation.level,
                "awarded_on": designation.awarded_on.isoformat(),
                "award_amount": str(designation.award_amount),
                "currency": designation.currency,
            },
        )
    return designation


def get_designation_for_operator(
    designation_id: int, *, actor: User, region: Region | None = None
) -> Designation:
    """Raises Designation.DoesNotExist alike for missing and outside the actor's regions (or
    outside `region`)."""
    reach = narrowed(designation_policy.reach(actor, DesignationAction.REVOKE), region)
    return reach.designations.select_related("producer", "enterprise", "region").get(
        pk=designation_id
    )


def revoke_designation(designation_id: int, *, reason: str, actor: User) -> Designation:
    reason = reason.strip()
    if not reason:
        raise DesignationError(
            DesignationErrorCode.REQUIRED,
            _("Say why the designation is revoked"),
            field="reason",
        )
    try:
        get_designation_for_operator(designation_id, actor=actor)
    except Designation.DoesNotExist:
        raise DesignationError(DesignationErrorCode.NOT_FOUND, _("No such designation")) from None
    with transaction.atomic(durable=True):
        designation = lock_designation(designation_id)
        if designation.status == DesignationStatus.REVOKED:
            raise DesignationError(
                DesignationErrorCode.ALREADY_REVOKED, _("This designation is already revoked")
            )
        designation.status = DesignationStatus.REVOKED
        designation.revoked_by = actor
        designation.revoked_at = timezone.now()
        designation.revoked_reason = reason
        designation.save(update_fields=["status", "revoked_by", "revoked_at", "revoked_reason"])
        record_designation_event(
            AuditEventType.DESIGNATION_REVOKED,
            designation,
            actor=actor,
            old=DesignationStatus.CONFIRMED,
            new=DesignationStatus.REVOKED,
            reason=reason,
        )
    return designation
