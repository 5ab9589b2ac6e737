"""Audit rows for review moderation, answers and reports, written inside the service's
transaction through `backend.audit.events.record_audit_event`.

The event types live here, in the 7000 range, because the shared `AuditEventType` enum belongs
to the audit app (adding members there needs its migration); the values are stored as they
are, and the lead folds them into `AuditEventType` with the same numbers.
"""

from __future__ import annotations

from typing import Any, cast

from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType
from backend.reviews.models import ProductReview


class ReviewEventType(models.IntegerChoices):
    # 7000–7999 reviews (values are stored; never renumber)
    REVIEW_HIDDEN = 7001, _("review hidden")
    REVIEW_RESTORED = 7002, _("review restored")
    REVIEW_ANSWERED = 7003, _("review answered")
    REVIEW_REPORTED = 7004, _("review reported")
    REVIEW_REPORTS_DISMISSED = 7005, _("review reports dismissed")


def record_review_event(
    event_type: ReviewEventType,
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
        cast(AuditEventType, event_type),
        actor=actor,
        subject=review,
        seller=producer,
        on_behalf_of=owner,
        old=old,
        new=new,
        reason=reason,
        extra=extra,
    )
