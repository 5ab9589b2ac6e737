"""Audit rows for review moderation, answers and reports, written inside the service's
transaction through `backend.audit.events.record_audit_event`.

The event types are `AuditEventType.REVIEW_*` (the 8000s).
"""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType
from backend.reviews.models import ProductReview


def record_review_event(
    event_type: AuditEventType,
    review: ProductReview,
    *,
    actor: User | None,
    old: Any = None,
    new: Any = None,
    reason: str | None = None,
    extra: dict[str, Any] | None = None,
    on_behalf_of_owner: bool = False,
) -> AuditEvent:
    """One audit row about a review; a helper's act is recorded on behalf of the shop's
    owner (as catalogue events are)."""
    producer = review.producer
    owner = producer.owner if on_behalf_of_owner and producer.owner_id else None
    return record_audit_event(
        event_type,
        actor=actor,
        subject=review,
        seller=producer,
        on_behalf_of=owner,
        old=old,
        new=new,
        reason=reason,
        extra=extra,
    )
