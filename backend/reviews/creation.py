"""A buyer reviews a delivered order line: stars, text without HTML, up to three photos.

Order of work: check the input and decode the photos (no transaction held) → in one
transaction: find the line among the buyer's own, check it was delivered and not reviewed,
check the rate limit, write the review and its photos, recompute the aggregates.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.orders.models import OrderLine
from backend.reviews.eligibility import ReviewEligibilityPolicy, eligibility_policy
from backend.reviews.errors import ReviewError, ReviewErrorCode
from backend.reviews.models import REVIEW_TEXT_MAX_LENGTH, ProductReview
from backend.reviews.photos import PhotoInput, check_photos, save_photos
from backend.reviews.plain_text import strip_html
from backend.reviews.rate_limits import ReviewRateLimitPolicy, rate_limit_policy
from backend.reviews.summaries import refresh_summaries


def clean_rating(rating: object) -> int:
    try:
        value = int(rating)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise ReviewError(
            ReviewErrorCode.INVALID if rating not in (None, "") else ReviewErrorCode.REQUIRED,
            _("Choose from 1 to 5 stars"),
            field="rating",
        )
    return value


def clean_review_text(text: str) -> str:
    cleaned = strip_html(text)
    if len(cleaned) > REVIEW_TEXT_MAX_LENGTH:
        raise ReviewError(
            ReviewErrorCode.TOO_LONG,
            _("Keep the review under %(limit)d characters; this one has %(count)d."),
            field="text",
            params={"limit": REVIEW_TEXT_MAX_LENGTH, "count": len(cleaned)},
        )
    return cleaned


def not_found_line() -> ReviewError:
    """The one answer for a line that does not exist and for someone else's line."""
    return ReviewError(
        ReviewErrorCode.NOT_FOUND, _("We could not find this purchase."), field="order_line"
    )


def _line_to_review(
    order_line_id: int, actor: User, eligibility: ReviewEligibilityPolicy
) -> OrderLine:
    line = (
        OrderLine.objects.filter(pk=order_line_id, order__user_id=actor.pk)
        .select_related("variant")
        .first()
    )
    if line is None:
        raise not_found_line()
    if not eligibility.delivered_lines_for(actor).filter(pk=line.pk).exists():
        raise ReviewError(
            ReviewErrorCode.NOT_DELIVERED,
            _("You can review this once it has been delivered to you."),
            field="order_line",
        )
    if ProductReview.objects.filter(order_line_id=line.pk).exists():
        raise already_reviewed()
    return line


def already_reviewed() -> ReviewError:
    return ReviewError(
        ReviewErrorCode.ALREADY_REVIEWED,
        _("You have already reviewed this purchase."),
        field="order_line",
    )


def create_review(
    order_line_id: int,
    *,
    actor: User,
    rating: object,
    text: str,
    photos: Sequence[PhotoInput] = (),
    eligibility: ReviewEligibilityPolicy = eligibility_policy,
    rate_limit: ReviewRateLimitPolicy = rate_limit_policy,
) -> ProductReview:
    """Write the buyer's review of one delivered order line; raises `ReviewError`."""
    if not actor.is_authenticated or actor.pk is None:
        raise not_found_line()
    stars = clean_rating(rating)
    cleaned_text = clean_review_text(text)
    ready_photos = check_photos(photos)
    with transaction.atomic(durable=True):
        line = _line_to_review(order_line_id, actor, eligibility)
        rate_limit.check(actor)
        assert line.variant is not None  # a delivered line still has its variant
        try:
            with transaction.atomic():
                review = ProductReview.objects.create(
                    product_id=line.variant.product_id,
                    producer_id=line.producer_id,
                    order_line=line,
                    author=actor,
                    rating=stars,
                    text=cleaned_text,
                )
        except IntegrityError:
            raise already_reviewed() from None
        default_alt = str(_("Photo from a buyer of %(product)s") % {"product": line.product_name})
        save_photos(review, ready_photos, default_alt=default_alt)
        refresh_summaries(product_id=review.product_id, producer_id=review.producer_id)
    return review
