"""Loaders of reviews: summaries by product and producer, a page of visible reviews per parent
(one UNION ALL statement for every parent of a level), their counts, and photos by review."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db import models
from django.db.models import Q

from backend.graphql.core.connection import (
    DESC,
    Page,
    SortKey,
    SortSpec,
    count_by_parent,
    pk_tiebreak,
    slice_by_parent,
)
from backend.graphql.core.dataloaders import DataLoader
from backend.graphql.core.nested import NestedConnectionLoader, NestedCountLoader, page_args_from
from backend.reviews.lookups import PUBLIC_REVIEW_FIELDS
from backend.reviews.models import (
    ProducerReviewSummary,
    ProductReview,
    ProductReviewSummary,
    ReviewPhoto,
    ReviewStatus,
)

REVIEW_SORT = SortSpec(
    keys=(SortKey("created_at", models.DateTimeField()), pk_tiebreak()), direction=DESC
)


def visible_reviews() -> Any:
    return (
        ProductReview.objects.filter(status=ReviewStatus.VISIBLE)
        .select_related("author", "product")
        .only(*PUBLIC_REVIEW_FIELDS)
    )


class ProductReviewSummaryByProductIdLoader(DataLoader[int, ProductReviewSummary | None]):
    context_key = "review_summary_by_product_id"

    def batch_load(self, keys: Sequence[int]) -> list[ProductReviewSummary | None]:
        found = ProductReviewSummary.objects.in_bulk(list(keys))
        return [found.get(key) for key in keys]


class ProducerReviewSummaryByProducerIdLoader(DataLoader[int, ProducerReviewSummary | None]):
    context_key = "review_summary_by_producer_id"

    def batch_load(self, keys: Sequence[int]) -> list[ProducerReviewSummary | None]:
        found = ProducerReviewSummary.objects.in_bulk(list(keys))
        return [found.get(key) for key in keys]


class PhotosByReviewIdLoader(DataLoader[int, list[ReviewPhoto]]):
    context_key = "photos_by_review_id"

    def batch_load(self, keys: Sequence[int]) -> list[list[ReviewPhoto]]:
        by_review: dict[int, list[ReviewPhoto]] = defaultdict(list)
        for photo in ReviewPhoto.objects.filter(review_id__in=list(keys)).order_by(
            "review_id", "sort_order", "pk"
        ):
            by_review[photo.review_id].append(photo)
        return [by_review.get(key, []) for key in keys]


class _ByParent:
    parent_field: str

    def filters(self, scopes: dict[int, Any]) -> dict[int, Q]:
        return {pid: Q(**{self.parent_field: pid}) for pid in scopes}


class ReviewsByParentLoader(_ByParent, NestedConnectionLoader):
    def load_pages(
        self, scopes: dict[int, Any], args: dict[str, Any], channel_id: int | None
    ) -> dict[int, Page]:
        return slice_by_parent(
            visible_reviews(), self.filters(scopes), REVIEW_SORT, page_args_from(args)
        )


class ReviewCountByParentLoader(_ByParent, NestedCountLoader):
    def load_counts(
        self, scopes: dict[int, Any], args: dict[str, Any], channel_id: int | None
    ) -> dict[int, int]:
        return count_by_parent(visible_reviews(), self.filters(scopes))


class ReviewsByProductLoader(ReviewsByParentLoader):
    context_key = "reviews_by_product"
    parent_field = "product_id"


class ReviewCountByProductLoader(ReviewCountByParentLoader):
    context_key = "review_count_by_product"
    parent_field = "product_id"


class ReviewsByProducerLoader(ReviewsByParentLoader):
    context_key = "reviews_by_producer"
    parent_field = "producer_id"


class ReviewCountByProducerLoader(ReviewCountByParentLoader):
    context_key = "review_count_by_producer"
    parent_field = "producer_id"
