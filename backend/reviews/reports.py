"""A seller (or a helper with the products scope) reports a review to the operators."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.reviews.access import lock_review_for
from backend.reviews.errors import ReviewError, ReviewErrorCode
from backend.reviews.events import record_review_event
from backend.reviews.models import ReportReason, ReviewReport
from backend.reviews.permissions import ReviewAction
from backend.reviews.plain_text import strip_html

DETAILS_MAX_LENGTH = 1000


def _clean(reason: str, details: str) -> tuple[ReportReason, str]:
    if not reason:
        raise ReviewError(ReviewErrorCode.REQUIRED, _("Choose why you report it"), field="reason")
    if reason not in ReportReason.values:
        raise ReviewError(
            ReviewErrorCode.INVALID, _("Choose a reason from the list"), field="reason"
        )
    cleaned = strip_html(details)
    if len(cleaned) > DETAILS_MAX_LENGTH:
        raise ReviewError(
            ReviewErrorCode.TOO_LONG,
            _("Keep the details under %(limit)d characters."),
            field="details",
            params={"limit": DETAILS_MAX_LENGTH},
        )
    return ReportReason(reason), cleaned


def report_review(
    review_id: int | str, *, actor: User, reason: str, details: str = ""
) -> ReviewReport:
    """Open a report; one open report per review (ALREADY_REPORTED while one waits)."""
    chosen, cleaned = _clean(reason, details)
    with transaction.atomic(durable=True):
        review = lock_review_for(actor, review_id, ReviewAction.REPORT)
        already = ReviewError(
            ReviewErrorCode.ALREADY_REPORTED,
            _("This review is already reported; an operator will look at it."),
            field="id",
        )
        if ReviewReport.objects.filter(review=review, resolved_at__isnull=True).exists():
            raise already
        try:
            with transaction.atomic():
                report = ReviewReport.objects.create(
                    review=review,
                    producer_id=review.producer_id,
                    reported_by=actor,
                    reason=chosen,
                    details=cleaned,
                )
        except IntegrityError:
            raise already from None
        record_review_event(
            AuditEventType.REVIEW_REPORTED,
            review,
            actor=actor,
            new={"report": report.pk, "reason": chosen.value, "details": cleaned},
            on_behalf_of_owner=True,
        )
    return report
