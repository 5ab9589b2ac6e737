"""The producer answers a review publicly, once."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.reviews.access import lock_review_for
from backend.reviews.errors import ReviewError, ReviewErrorCode
from backend.reviews.events import record_review_event
from backend.reviews.models import ANSWER_TEXT_MAX_LENGTH, ProductReview
from backend.reviews.permissions import ReviewAction
from backend.reviews.plain_text import strip_html


def clean_answer_text(text: str) -> str:
    cleaned = strip_html(text)
    if not cleaned:
        raise ReviewError(ReviewErrorCode.REQUIRED, _("Write your answer"), field="text")
    if len(cleaned) > ANSWER_TEXT_MAX_LENGTH:
        raise ReviewError(
            ReviewErrorCode.TOO_LONG,
            _("Keep the answer under %(limit)d characters; this one has %(count)d."),
            field="text",
            params={"limit": ANSWER_TEXT_MAX_LENGTH, "count": len(cleaned)},
        )
    return cleaned


def answer_review(review_id: int | str, *, actor: User, text: str) -> ProductReview:
    """Publish the shop's one answer; raises `ReviewError` (NOT_FOUND for another shop's
    review, ALREADY_ANSWERED for a second answer)."""
    cleaned = clean_answer_text(text)
    with transaction.atomic(durable=True):
        review = lock_review_for(actor, review_id, ReviewAction.ANSWER)
        if review.is_answered:
            raise ReviewError(
                ReviewErrorCode.ALREADY_ANSWERED,
                _("This review already has the shop's answer; it can be answered once."),
                field="id",
            )
        review.answer_text = cleaned
        review.answered_at = timezone.now()
        review.answered_by = actor
        review.save(update_fields=["answer_text", "answered_at", "answered_by"])
        record_review_event(
            AuditEventType.REVIEW_ANSWERED,
            review,
            actor=actor,
            new={"answer": cleaned},
            on_behalf_of_owner=True,
        )
    return review
