"""`ProductReview` and the review fields that `Product` and `Producer` gain (Saleor has no
reviews; these are Sunshine Market's extension): `rating`, `reviewCount` and
`reviews(first, after)`, every one through a batched loader so a list of products or producers
costs the same number of queries for 1 row and for N.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import graphene
from graphene import relay
from graphql import GraphQLResolveInfo

from backend.graphql.core.connection import CountableConnection, page_args
from backend.graphql.core.dataloaders import then
from backend.graphql.core.enums import ThumbnailFormat, ThumbnailFormatEnum
from backend.graphql.core.fields import connection_field
from backend.graphql.core.images import image_url
from backend.graphql.core.nested import NestedConnectionLoader, NestedCountLoader, nested_connection
from backend.graphql.reviews.dataloaders import (
    PhotosByReviewIdLoader,
    ProducerReviewSummaryByProducerIdLoader,
    ProductReviewSummaryByProductIdLoader,
    ReviewCountByProducerLoader,
    ReviewCountByProductLoader,
    ReviewsByProducerLoader,
    ReviewsByProductLoader,
)
from backend.reviews.lookups import public_author_name
from backend.reviews.models import ProductReview as ProductReviewModel
from backend.reviews.models import ReviewPhoto, average_of


class ProductReviewPhoto(graphene.ObjectType):
    url = graphene.String(
        required=True,
        size=graphene.Int(description="Size of the image in pixels; original if omitted."),
        format=graphene.Argument(
            ThumbnailFormatEnum,
            default_value=ThumbnailFormat.ORIGINAL.value,
            description="The format of the image (WebP, or a JPEG for ORIGINAL).",
        ),
    )
    alt = graphene.String(required=True, description="What the photo shows.")

    class Meta:
        description = "Sunshine Market: a photo the buyer added to a review."

    @staticmethod
    def resolve_url(
        root: ReviewPhoto, info: GraphQLResolveInfo, size: int | None = None, format: Any = None
    ) -> str:
        return image_url(root.image.name, size=size, fmt=format)


class ProductReviewShopAnswer(graphene.ObjectType):
    text = graphene.String(required=True)
    created = graphene.DateTime(required=True)

    class Meta:
        description = "Sunshine Market: the producer's public answer to a review (one at most)."


class ProductReview(graphene.ObjectType):
    rating = graphene.Int(required=True, description="Stars, from 1 to 5.")
    text = graphene.String(required=True, description="Plain text; HTML is removed on writing.")
    created = graphene.DateTime(required=True)
    author_name = graphene.String(
        required=True, description="The buyer's name as reviews show it: its first character."
    )
    photos = graphene.NonNull(graphene.List(graphene.NonNull(ProductReviewPhoto)))
    answer = graphene.Field(ProductReviewShopAnswer)

    class Meta:
        interfaces = (relay.Node,)
        description = (
            "Sunshine Market: a buyer's review of a product they received (one per order line)."
        )

    @staticmethod
    def resolve_id(root: ProductReviewModel, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_created(root: ProductReviewModel, info: GraphQLResolveInfo) -> datetime:
        return root.created_at

    @staticmethod
    def resolve_author_name(root: ProductReviewModel, info: GraphQLResolveInfo) -> str:
        return public_author_name(root.author)

    @staticmethod
    def resolve_photos(root: ProductReviewModel, info: GraphQLResolveInfo) -> Any:
        return PhotosByReviewIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_answer(root: ProductReviewModel, info: GraphQLResolveInfo) -> Any:
        if root.answered_at is None:
            return None
        return ProductReviewShopAnswer(text=root.answer_text, created=root.answered_at)


class ProductReviewCountableConnection(CountableConnection):
    class Meta:
        node = ProductReview
        strict_types = True


def rating_field() -> Any:
    return graphene.Float(description="Average stars of the visible reviews; null without any.")


def review_count_field() -> Any:
    return graphene.Int(required=True, description="Sunshine Market: how many visible reviews.")


def reviews_field() -> Any:
    return connection_field(
        ProductReviewCountableConnection,
        description="Sunshine Market: visible reviews, newest first.",
    )


def _count(summary: Any) -> int:
    return summary.review_count if summary is not None else 0


def product_review_count(info: GraphQLResolveInfo, product_id: int) -> Any:
    return then(ProductReviewSummaryByProductIdLoader(info.context).load(product_id), _count)


def producer_review_count(info: GraphQLResolveInfo, producer_id: int) -> Any:
    return then(ProducerReviewSummaryByProducerIdLoader(info.context).load(producer_id), _count)


def producer_rating(info: GraphQLResolveInfo, producer_id: int) -> Any:
    def average(summary: Any) -> float | None:
        value = average_of(summary.rating_sum, summary.review_count) if summary else None
        return float(value) if value is not None else None

    return then(ProducerReviewSummaryByProducerIdLoader(info.context).load(producer_id), average)


def _reviews(
    info: GraphQLResolveInfo,
    parent_id: int,
    args: dict[str, Any],
    loader: type[NestedConnectionLoader],
    count_loader: type[NestedCountLoader],
) -> Any:
    page_args(args, "reviews")
    return nested_connection(
        info,
        connection_type=ProductReviewCountableConnection,
        loader=loader,
        count_loader=count_loader,
        parent_id=parent_id,
        args=args,
    )


def product_reviews(info: GraphQLResolveInfo, product_id: int, args: dict[str, Any]) -> Any:
    return _reviews(info, product_id, args, ReviewsByProductLoader, ReviewCountByProductLoader)


def producer_reviews(info: GraphQLResolveInfo, producer_id: int, args: dict[str, Any]) -> Any:
    return _reviews(info, producer_id, args, ReviewsByProducerLoader, ReviewCountByProducerLoader)
