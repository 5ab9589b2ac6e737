"""Read side of reviews on the storefront: a product's or a shop's average, count and latest
visible reviews, and the lines of an order its buyer may review.

Each read costs a fixed number of queries whatever the number of reviews or photos (the
summary row, one page of reviews, their photos), so the product and shop pages keep constant
query counts. Templates get frozen shapes, never models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef

from backend.accounts.models import User
from backend.orders.models import OrderLine
from backend.reviews.eligibility import eligibility_policy
from backend.reviews.lookups import public_author_name, visible_reviews
from backend.reviews.models import (
    ProducerReviewSummary,
    ProductReview,
    ProductReviewSummary,
    average_of,
)
from storefront.pictures import Picture, picture_for

LATEST_REVIEWS = 5
REVIEWS_PER_PAGE = 20


@dataclass(frozen=True)
class RatingSummary:
    average: Decimal | None
    count: int

    @property
    def rounded_stars(self) -> int:
        return int((self.average or 0) + Decimal("0.5"))


@dataclass(frozen=True)
class ReviewRow:
    id: int
    rating: int
    text: str
    author_name: str
    written_at: datetime
    pictures: list[Picture]
    answer_text: str
    answered_at: datetime | None
    product_name: str
    product_slug: str


def review_row(review: ProductReview) -> ReviewRow:
    return ReviewRow(
        id=review.pk,
        rating=review.rating,
        text=review.text,
        author_name=public_author_name(review.author),
        written_at=review.created_at,
        pictures=[
            picture_for(p.image.name, "thumbnail", alt=p.alt, width=p.width, height=p.height)
            for p in review.photos.all()
        ],
        answer_text=review.answer_text,
        answered_at=review.answered_at,
        product_name=review.product.name,
        product_slug=review.product.slug,
    )


def _summary(row: ProductReviewSummary | ProducerReviewSummary | None) -> RatingSummary:
    if row is None:
        return RatingSummary(None, 0)
    return RatingSummary(average_of(row.rating_sum, row.review_count), row.review_count)


def product_rating(product_slug: str) -> RatingSummary:
    return _summary(ProductReviewSummary.objects.filter(product__slug=product_slug).first())


def shop_rating(shop_slug: str) -> RatingSummary:
    return _summary(ProducerReviewSummary.objects.filter(producer__slug=shop_slug).first())


def latest_product_reviews(product_slug: str, limit: int = LATEST_REVIEWS) -> list[ReviewRow]:
    reviews = visible_reviews().filter(product__slug=product_slug)[:limit]
    return [review_row(r) for r in reviews]


def latest_shop_reviews(shop_slug: str, limit: int = LATEST_REVIEWS) -> list[ReviewRow]:
    reviews = visible_reviews().filter(producer__slug=shop_slug)[:limit]
    return [review_row(r) for r in reviews]


@dataclass(frozen=True)
class ReviewPage:
    page: Page
    rows: list[ReviewRow]


def product_review_page(product_slug: str, page_number: str | int | None) -> ReviewPage:
    paginator = Paginator(visible_reviews().filter(product__slug=product_slug), REVIEWS_PER_PAGE)
    page = paginator.get_page(page_number)
    return ReviewPage(page=page, rows=[review_row(r) for r in page.object_list])


@dataclass(frozen=True)
class ReviewableLine:
    line_id: int
    product_name: str
    variant_name: str
    reviewed: bool


def order_review_lines(buyer: User, order_token: UUID | str) -> list[ReviewableLine]:
    """The delivered lines of the buyer's order, each saying whether it was reviewed (one
    query; empty for someone else's order)."""
    reviewed = ProductReview.objects.filter(order_line_id=OuterRef("pk"))
    lines = (
        eligibility_policy.delivered_lines_for(buyer)
        .filter(order__token=order_token)
        .annotate(reviewed=Exists(reviewed))
        .only("id", "product_name", "variant_name")
        .order_by("pk")
    )
    return [
        ReviewableLine(line.pk, line.product_name, line.variant_name, line.reviewed)  # type: ignore[attr-defined]
        for line in lines
    ]


def line_for_review(buyer: User, order_token: UUID | str, line_id: int) -> OrderLine:
    """The buyer's own line of that order (delivered or not); raises OrderLine.DoesNotExist
    alike for a missing line and someone else's."""
    return OrderLine.objects.only("id", "product_name", "variant_name", "order_id").get(
        pk=line_id, order__token=order_token, order__user_id=buyer.pk
    )
