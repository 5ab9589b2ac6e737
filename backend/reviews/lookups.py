"""Read-side querysets of reviews: what the public sees (visible reviews only) and what a shop
sees (through the review policy, tenant filter in the query)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext

from backend.accounts.models import User
from backend.producers.models import Producer
from backend.reviews.models import ProductReview, ReviewPhoto, ReviewReport, ReviewStatus
from backend.reviews.permissions import ReviewAction, review_policy

# Only what a public review shows: never the buyer's account details beyond the display name.
PUBLIC_REVIEW_FIELDS = (
    "id",
    "product_id",
    "producer_id",
    "rating",
    "text",
    "created_at",
    "answer_text",
    "answered_at",
    "author__id",
    "author__name",
    "product__id",
    "product__name",
    "product__slug",
)


def public_author_name(author: User | None) -> str:
    """A buyer's name as reviews show it: the first character, the rest hidden ("**" for an
    account without a name; "已注销用户", deleted user, once the account was deleted)."""
    if author is None:
        return gettext("Deleted user")
    name = author.name.strip()
    return f"{name[:1]}**" if name else "**"


def _photos() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch("photos", queryset=ReviewPhoto.objects.order_by("sort_order", "pk"))


def visible_reviews() -> QuerySet[ProductReview]:
    """Visible reviews, newest first, with their authors' names, products and photos."""
    return (
        ProductReview.objects.filter(status=ReviewStatus.VISIBLE)
        .select_related("author", "product")
        .only(*PUBLIC_REVIEW_FIELDS)
        .prefetch_related(_photos())
        .order_by("-created_at", "-pk")
    )


def reviews_for_shop(actor: User, producer: Producer) -> QuerySet[ProductReview]:
    """Every review of the shop (hidden ones too, so the seller sees what operators did), if
    `actor` may read the shop's reviews; empty otherwise."""
    open_reports = ReviewReport.objects.filter(resolved_at__isnull=True)
    return (
        review_policy.instances_for(actor, ReviewAction.VIEW_SHOP_REVIEWS)
        .filter(producer_id=producer.pk)
        .select_related("author", "product")
        .only(*PUBLIC_REVIEW_FIELDS, "status", "moderation_reason")
        .prefetch_related(_photos(), Prefetch("reports", queryset=open_reports))
        .order_by("-created_at", "-pk")
    )


def get_review_for_shop(actor: User, producer: Producer, review_id: int) -> ProductReview:
    """Raises ProductReview.DoesNotExist alike for a missing review and another shop's."""
    return reviews_for_shop(actor, producer).get(pk=review_id)
