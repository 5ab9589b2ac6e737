"""Sort orders for catalogue lists, as keyset SortSpecs (every key non-null, pk last)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import graphene
from django.db import models
from django.db.models import Count, F, FilteredRelation, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from backend.catalog.models import (
    Category,
    CollectionChannelListing,
    CollectionProduct,
    Product,
)
from backend.graphql.catalog.enums import (
    CategorySortField,
    CategorySortFieldEnum,
    CollectionSortField,
    CollectionSortFieldEnum,
    ProductOrderField,
    ProductOrderFieldEnum,
)
from backend.graphql.core.connection import ASC, DESC, SortKey, SortSpec, pk_tiebreak
from backend.graphql.core.enums import OrderDirectionEnum

# Unknown prices and dates sort after known ones in ascending order.
NO_PRICE = Decimal("9999999999.99")
NO_DATE = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
PRICE_FIELD = models.DecimalField(max_digits=12, decimal_places=2)
RATING_FIELD = models.DecimalField(max_digits=3, decimal_places=2)


class ProductOrder(graphene.InputObjectType):
    direction = graphene.Argument(
        OrderDirectionEnum, required=True, description="Specifies the direction in which to sort."
    )
    channel = graphene.String(
        description="Specifies the channel in which to sort the data.",
        deprecation_reason="Use root-level channel argument instead.",
    )
    attribute_id = graphene.Argument(
        graphene.ID, description="Sort product by the selected attribute's values (not supported)."
    )
    field = graphene.Argument(
        ProductOrderFieldEnum, description="Sort products by the selected field."
    )

    class Meta:
        description = "Sorting options for products."


class CategorySortingInput(graphene.InputObjectType):
    direction = graphene.Argument(OrderDirectionEnum, required=True)
    channel = graphene.String(deprecation_reason="Use root-level channel argument instead.")
    field = graphene.Argument(CategorySortFieldEnum, required=True)


class CollectionSortingInput(graphene.InputObjectType):
    direction = graphene.Argument(OrderDirectionEnum, required=True)
    channel = graphene.String(deprecation_reason="Use root-level channel argument instead.")
    field = graphene.Argument(CollectionSortFieldEnum, required=True)


def _value(enum_member: Any) -> Any:
    return getattr(enum_member, "value", enum_member)


def _direction(sort_by: dict[str, Any] | None) -> str:
    if not sort_by:
        return ASC
    return DESC if _value(sort_by.get("direction")) == DESC else ASC


def _listing_join(channel_id: int) -> tuple[tuple[str, FilteredRelation], ...]:
    """The product's listing in the channel, as a join (one row: unique per channel)."""
    listing = FilteredRelation(
        "channel_listings", condition=Q(channel_listings__channel_id=channel_id)
    )
    return (("_listing", listing),)


def product_sort(
    sort_by: dict[str, Any] | None, channel_id: int, *, collection_position: Any = None
) -> SortSpec:
    """The order for a product list; `collection_position` is the expression of a product's
    position in the collection being listed (COLLECTION order), if any."""
    field = _value(sort_by.get("field")) if sort_by else None
    direction = _direction(sort_by)
    name = SortKey("name", models.CharField())
    slug = SortKey("slug", models.CharField())
    keys: list[SortKey]
    relations: tuple[tuple[str, FilteredRelation], ...] = ()
    if field in (ProductOrderField.PRICE.value, ProductOrderField.MINIMAL_PRICE.value):
        price = Coalesce(
            F("_listing__discounted_price_amount"), Value(NO_PRICE), output_field=PRICE_FIELD
        )
        keys = [SortKey(price, PRICE_FIELD), name]
        relations = _listing_join(channel_id)
    elif field in (
        ProductOrderField.PUBLISHED.value,
        ProductOrderField.PUBLICATION_DATE.value,
        ProductOrderField.PUBLISHED_AT.value,
    ):
        published = Coalesce(
            F("_listing__published_at"), Value(NO_DATE), output_field=models.DateTimeField()
        )
        keys = [SortKey(published, models.DateTimeField()), name]
        relations = _listing_join(channel_id)
    elif field in (
        ProductOrderField.LAST_MODIFIED.value,
        ProductOrderField.LAST_MODIFIED_AT.value,
        ProductOrderField.DATE.value,
    ):
        keys = [SortKey("updated_at", models.DateTimeField())]
    elif field == ProductOrderField.CREATED_AT.value:
        keys = [SortKey("created_at", models.DateTimeField())]
    elif field == ProductOrderField.RATING.value:
        rating = Coalesce(F("rating"), Value(Decimal("-1")), output_field=RATING_FIELD)
        keys = [SortKey(rating, RATING_FIELD), name]
    elif field == ProductOrderField.TYPE.value:
        keys = [SortKey("product_type__name", models.CharField()), name]
    elif field == ProductOrderField.COLLECTION.value and collection_position is not None:
        keys = [SortKey(collection_position, models.IntegerField())]
    elif field in (
        ProductOrderField.NAME.value,
        ProductOrderField.RANK.value,
        ProductOrderField.COLLECTION.value,
    ):
        keys = [name]
    else:
        keys = [slug]
    return SortSpec((*keys, pk_tiebreak()), direction, relations)


def _count_of(queryset: Any, outer_field: str) -> Coalesce:
    counted = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(c=Count("pk"))
        .values("c")[:1]
    )
    return Coalesce(Subquery(counted), Value(0), output_field=models.IntegerField())


def category_sort(sort_by: dict[str, Any] | None) -> SortSpec:
    field = _value(sort_by.get("field")) if sort_by else None
    direction = _direction(sort_by)
    name = SortKey("name", models.CharField())
    if field == CategorySortField.NAME.value:
        keys = [name]
    elif field == CategorySortField.PRODUCT_COUNT.value:
        keys = [SortKey(_count_of(Product.objects.all(), "category_id"), models.IntegerField())]
    elif field == CategorySortField.SUBCATEGORY_COUNT.value:
        keys = [SortKey(_count_of(Category.objects.all(), "parent_id"), models.IntegerField())]
    else:  # tree order: parents before their children
        keys = [SortKey("tree_id", models.IntegerField()), SortKey("lft", models.IntegerField())]
    return SortSpec((*keys, pk_tiebreak()), direction)


def collection_sort(sort_by: dict[str, Any] | None, channel_id: int) -> SortSpec:
    field = _value(sort_by.get("field")) if sort_by else None
    direction = _direction(sort_by)
    keys: list[SortKey]
    if field == CollectionSortField.PRODUCT_COUNT.value:
        counted = _count_of(CollectionProduct.objects.all(), "collection_id")
        keys = [SortKey(counted, models.IntegerField())]
    elif field in (
        CollectionSortField.PUBLICATION_DATE.value,
        CollectionSortField.PUBLISHED_AT.value,
        CollectionSortField.AVAILABILITY.value,
    ):
        published = Coalesce(
            Subquery(
                CollectionChannelListing.objects.filter(
                    collection_id=OuterRef("pk"), channel_id=channel_id
                )
                .order_by()
                .values("published_at")[:1]
            ),
            Value(NO_DATE),
            output_field=models.DateTimeField(),
        )
        keys = [SortKey(published, models.DateTimeField())]
    elif field == CollectionSortField.NAME.value:
        keys = [SortKey("name", models.CharField())]
    else:
        keys = [SortKey("slug", models.CharField())]
    return SortSpec((*keys, pk_tiebreak()), direction)
