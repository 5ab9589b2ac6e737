"""Who saw a full identity number, and finding a producer by number without decrypting rows."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEventType
from backend.personal_data.encryption import lookup_hash
from backend.producers.models import IDENTITY_NUMBER_FIELDS, Producer


def record_identity_view(actor: User, producer: Producer, *, reason: str) -> None:
    """Every view of a full number by an operator leaves an audit row (never the number)."""
    shown = [name for name in IDENTITY_NUMBER_FIELDS if getattr(producer, name, "")]
    if not shown:
        return
    with transaction.atomic():
        record_audit_event(
            AuditEventType.IDENTITY_NUMBER_VIEWED,
            actor=actor,
            subject=producer,
            seller=producer,
            reason=reason,
            extra={"fields": shown},
        )


def producers_with_identity_number(number: str) -> QuerySet[Producer]:
    """Producers holding this certificate or household number (exact match, by keyed hash)."""
    digest = lookup_hash(number)
    if not digest:
        return Producer.objects.none()
    return Producer.objects.filter(
        Q(poor_household_number_hash=digest) | Q(disability_certificate_number_hash=digest)
    )
