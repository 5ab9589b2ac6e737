"""Operators hide a review, restore it, or dismiss the reports about it; always with a reason,
always audited in the same transaction, and the aggregates follow at once."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.reviews.access import lock_review_for
from backend.reviews.errors import ReviewError, ReviewErrorCode
from backend.reviews.events import record_review_event
from backend.reviews.models import ProductReview, ReviewReport, ReviewStatus
from backend.reviews.permissions import ReviewAction
from backend.reviews.summaries import refresh_summaries

REASON_MAX_LENGTH = 500


def _clean_reason(reason: str) -> str:
    cleaned = " ".join((reason or "").split())
    if not cleaned:
        raise ReviewError(ReviewErrorCode.REQUIRED, _("Give the reason"), field="reason")
    if len(cleaned) > REASON_MAX_LENGTH:
        raise ReviewError(
            ReviewErrorCode.TOO_LONG,
            _("Keep the reason under %(limit)d characters."),
            field="reason",
            params={"limit": REASON_MAX_LENGTH},
        )
    return cleaned


def _resolve_reports(review: ProductReview) -> list[int]:
    open_reports = list(
        ReviewReport.objects.filter(review=review, resolved_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    if open_reports:
        ReviewReport.objects.filter(pk__in=open_reports).update(resolved_at=timezone.now())
    return open_reports


def _set_status(
    review_id: int | str, *, actor: User, reason: str, status: ReviewStatus
) -> ProductReview:
    cleaned = _clean_reason(reason)
    hiding = status == ReviewStatus.HIDDEN
    with transaction.atomic(durable=True):
        review = lock_review_for(actor, review_id, ReviewAction.MODERATE)
        if review.status == status:
            raise ReviewError(
                ReviewErrorCode.ALREADY_HIDDEN if hiding else ReviewErrorCode.NOT_HIDDEN,
                _("This review is already hidden.") if hiding else _("This review is visible."),
                field="id",
            )
        old = review.status
        review.status = status
        review.moderation_reason = cleaned
        review.moderated_at = timezone.now()
        review.save(update_fields=["status", "moderation_reason", "moderated_at"])
        resolved = _resolve_reports(review) if hiding else []
        refresh_summaries(product_id=review.product_id, producer_id=review.producer_id)
        record_review_event(
            AuditEventType.REVIEW_HIDDEN if hiding else AuditEventType.REVIEW_RESTORED,
            review,
            actor=actor,
            old={"status": old},
            new={"status": status.value},
            reason=cleaned,
            extra={"resolved_reports": resolved} if resolved else None,
        )
    return review


def hide_review(review_id: int | str, *, actor: User, reason: str) -> ProductReview:
    """Hide a review from every page and the API; its stars leave the averages."""
    return _set_status(review_id, actor=actor, reason=reason, status=ReviewStatus.HIDDEN)


def restore_review(review_id: int | str, *, actor: User, reason: str) -> ProductReview:
    """Show a hidden review again; its stars count again."""
    return _set_status(review_id, actor=actor, reason=reason, status=ReviewStatus.VISIBLE)


def dismiss_reports(review_id: int | str, *, actor: User, reason: str) -> list[int]:
    """Keep the review as it is and close the reports about it."""
    cleaned = _clean_reason(reason)
    with transaction.atomic(durable=True):
        review = lock_review_for(actor, review_id, ReviewAction.MODERATE)
        resolved = _resolve_reports(review)
        record_review_event(
            AuditEventType.REVIEW_REPORTS_DISMISSED,
            review,
            actor=actor,
            reason=cleaned,
            extra={"resolved_reports": resolved},
        )
    return resolved
