"""Reviews as the acting user may reach them (tenant filter in the query): a review of a shop
they may not act on answers exactly like one that does not exist."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.reviews import locks
from backend.reviews.errors import ReviewError, ReviewErrorCode
from backend.reviews.models import ProductReview
from backend.reviews.permissions import ReviewAction, review_policy


def review_not_found() -> ReviewError:
    return ReviewError(ReviewErrorCode.NOT_FOUND, _("We could not find this review."), field="id")


def lock_review_for(actor: User, review_id: int | str, action: ReviewAction) -> ProductReview:
    """Lock the review if `actor` may take `action` on it; raises `ReviewError(NOT_FOUND)`
    alike for a missing review and another shop's. Call inside the service's transaction."""
    try:
        pk = int(review_id)
    except (TypeError, ValueError):
        raise review_not_found() from None
    if not review_policy.instances_for(actor, action).filter(pk=pk).exists():
        raise review_not_found()
    try:
        return locks.lock_review(pk)
    except ProductReview.DoesNotExist:
        raise review_not_found() from None
