"""Support records (loans, grants, subsidies): recorded for reports, never paid out here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.producers.models import Producer
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode
from backend.programme.models import Household, SupportKind, SupportRecord
from backend.programme.records import save_record


def record_support(
    *,
    actor: User,
    kind: SupportKind | str,
    amount: Decimal,
    granted_on: date,
    household: Household | None = None,
    producer: Producer | None = None,
    provider: str = "",
    reference: str = "",
    notes: str = "",
) -> SupportRecord:
    """Record one grant, loan or subsidy for a household and/or a shop in the actor's regions.

    The record is filed under the household's region, or the shop's without a household."""
    if household is None and producer is None:
        raise ProgrammeError(
            ProgrammeErrorCode.REQUIRED,
            _("Choose the household or the shop that received it."),
            field="household",
        )
    if amount is None or amount <= 0:
        raise ProgrammeError(
            ProgrammeErrorCode.AMOUNT_NOT_POSITIVE,
            _("Enter the amount, in yuan, more than 0."),
            field="amount",
        )
    record = SupportRecord(
        kind=kind,
        amount=amount,
        granted_on=granted_on,
        household=household,
        producer=producer,
        region=household.region if household is not None else producer.region,  # type: ignore[union-attr]
        provider=provider,
        reference=reference,
        notes=notes,
    )
    return save_record(
        record,
        actor=actor,
        seller=producer,
        region_field="household" if household is not None else "producer",
        event_type=AuditEventType.SUPPORT_RECORDED,
    )
