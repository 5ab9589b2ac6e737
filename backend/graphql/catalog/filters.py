"""Product filters: Saleor's `filter: ProductFilterInput` and a subset of `where:
ProductWhereInput`, plus this domain's producer and region filters.

Each filter narrows an already visible queryset (`products_visible_in_channel`); nothing here
widens visibility. Every condition is a subquery or a join: no extra SQL round-trip.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import graphene
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from graphql import GraphQLError

from backend.catalog.models import (
    AssignedProductAttributeValue,
    Category,
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductVariantChannelListing,
)
from backend.graphql.catalog.enums import StockAvailability, StockAvailabilityEnum
from backend.graphql.catalog.search import search_q
from backend.graphql.core.ids import ids_from_global_ids
from backend.graphql.producers.enums import ProducerKindEnum, VerificationTagCodeEnum
from backend.graphql.producers.filters import verified_tags_q
from backend.graphql.regions.filters import in_region
from backend.warehouse.models import Stock


class PriceRangeInput(graphene.InputObjectType):
    gte = graphene.Float(description="Price greater than or equal to.")
    lte = graphene.Float(description="Price less than or equal to.")


class AttributeInput(graphene.InputObjectType):
    slug = graphene.String(description="Internal representation of an attribute name.")
    values = graphene.List(
        graphene.NonNull(graphene.String), description="Slugs identifying the attributeValues."
    )
    boolean = graphene.Boolean(description="The boolean value of the attribute.")


class ProductFilterInput(graphene.InputObjectType):
    collections = graphene.List(graphene.NonNull(graphene.ID))
    categories = graphene.List(
        graphene.NonNull(graphene.ID), description="Categories, their subcategories included."
    )
    has_category = graphene.Boolean()
    attributes = graphene.List(graphene.NonNull(AttributeInput))
    stock_availability = graphene.Argument(StockAvailabilityEnum)
    search = graphene.String()
    price = graphene.Field(PriceRangeInput)
    minimal_price = graphene.Field(
        PriceRangeInput, description="Filter by the lowest variant price in the channel."
    )
    product_types = graphene.List(graphene.NonNull(graphene.ID))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    channel = graphene.String(deprecation_reason="Use root-level channel argument instead.")
    producers = graphene.List(
        graphene.NonNull(graphene.ID), description="Sunshine Market: products of these producers."
    )
    producer_kinds = graphene.List(
        graphene.NonNull(ProducerKindEnum),
        description="Sunshine Market: products of producers of these kinds.",
    )
    regions = graphene.List(
        graphene.NonNull(graphene.String),
        description="Sunshine Market: products of producers in these regions (official codes), "
        "sub-regions included.",
    )
    verified_tags = graphene.List(
        graphene.NonNull(VerificationTagCodeEnum),
        description="Sunshine Market: products of producers with at least one of these "
        "verified tags, valid now.",
    )


class StringFilterInput(graphene.InputObjectType):
    eq = graphene.String()
    one_of = graphene.List(graphene.NonNull(graphene.String))


class GlobalIDFilterInput(graphene.InputObjectType):
    eq = graphene.ID()
    one_of = graphene.List(graphene.NonNull(graphene.ID))


class DecimalRangeInput(graphene.InputObjectType):
    gte = graphene.Decimal()
    lte = graphene.Decimal()


class DecimalFilterInput(graphene.InputObjectType):
    eq = graphene.Decimal()
    one_of = graphene.List(graphene.NonNull(graphene.Decimal))
    range = graphene.Field(DecimalRangeInput)


class ProductWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))
    name = graphene.Field(StringFilterInput)
    slug = graphene.Field(StringFilterInput)
    product_type = graphene.Field(GlobalIDFilterInput)
    category = graphene.Field(GlobalIDFilterInput)
    collection = graphene.Field(GlobalIDFilterInput)
    has_category = graphene.Boolean()
    price = graphene.Field(DecimalFilterInput)
    minimal_price = graphene.Field(DecimalFilterInput)
    stock_availability = graphene.Argument(StockAvailabilityEnum)
    AND = graphene.List(graphene.NonNull(lambda: ProductWhereInput))
    OR = graphene.List(graphene.NonNull(lambda: ProductWhereInput))


def filter_products(
    queryset: QuerySet[Product],
    *,
    channel_id: int,
    filter_input: dict[str, Any] | None = None,
    where: dict[str, Any] | None = None,
    search: str | None = None,
) -> QuerySet[Product]:
    if filter_input and where:
        raise GraphQLError("Only one filtering argument (filter or where) can be specified.")
    if filter_input:
        queryset = queryset.filter(_filter_q(filter_input, channel_id))
    if where:
        queryset = queryset.filter(_where_q(where, channel_id))
    if search and search.strip():
        queryset = queryset.filter(search_q(search.strip(), channel_id))
    return queryset


def _filter_q(value: dict[str, Any], channel_id: int) -> Q:
    q = Q()
    if value.get("ids") is not None:
        q &= Q(pk__in=ids_from_global_ids(value["ids"], "Product"))
    if value.get("slugs") is not None:
        q &= Q(slug__in=value["slugs"])
    if value.get("categories") is not None:
        q &= _in_categories(ids_from_global_ids(value["categories"], "Category"))
    if value.get("collections") is not None:
        q &= _in_collections(ids_from_global_ids(value["collections"], "Collection"))
    if value.get("product_types") is not None:
        q &= Q(product_type_id__in=ids_from_global_ids(value["product_types"], "ProductType"))
    if value.get("has_category") is not None:
        q &= Q(category__isnull=not value["has_category"])
    if value.get("search"):
        q &= search_q(value["search"].strip(), channel_id)
    if value.get("price") is not None:
        q &= _variant_price_in(channel_id, value["price"].get("gte"), value["price"].get("lte"))
    if value.get("minimal_price") is not None:
        bounds = value["minimal_price"]
        q &= _minimal_price_in(channel_id, bounds.get("gte"), bounds.get("lte"))
    if value.get("stock_availability") is not None:
        q &= _stock_q(value["stock_availability"], channel_id)
    for attribute in value.get("attributes") or []:
        q &= _attribute_q(attribute)
    if value.get("producers") is not None:
        q &= Q(producer_id__in=ids_from_global_ids(value["producers"], "Producer"))
    if value.get("producer_kinds") is not None:
        q &= Q(producer__kind__in=[getattr(k, "value", k) for k in value["producer_kinds"]])
    if value.get("regions") is not None:
        regions = Q(pk__in=[])
        for code in value["regions"]:
            regions |= in_region(code, path="producer__region")
        q &= regions
    if value.get("verified_tags") is not None:
        q &= verified_tags_q(value["verified_tags"], producer_field="producer_id")
    return q


def _where_q(value: dict[str, Any], channel_id: int) -> Q:
    q = Q()
    if value.get("ids") is not None:
        q &= Q(pk__in=ids_from_global_ids(value["ids"], "Product"))
    for field in ("name", "slug"):
        if value.get(field) is not None:
            q &= _string_q(field, value[field])
    if value.get("product_type") is not None:
        q &= Q(product_type_id__in=_global_id_values(value["product_type"], "ProductType"))
    if value.get("category") is not None:
        q &= _in_categories(_global_id_values(value["category"], "Category"))
    if value.get("collection") is not None:
        q &= _in_collections(_global_id_values(value["collection"], "Collection"))
    if value.get("has_category") is not None:
        q &= Q(category__isnull=not value["has_category"])
    if value.get("price") is not None:
        q &= _decimal_q(value["price"], lambda lo, hi: _variant_price_in(channel_id, lo, hi))
    if value.get("minimal_price") is not None:
        q &= _decimal_q(
            value["minimal_price"], lambda lo, hi: _minimal_price_in(channel_id, lo, hi)
        )
    if value.get("stock_availability") is not None:
        q &= _stock_q(value["stock_availability"], channel_id)
    for nested in value.get("AND") or []:
        q &= _where_q(nested, channel_id)
    if value.get("OR"):
        alternatives = Q(pk__in=[])
        for nested in value["OR"]:
            alternatives |= _where_q(nested, channel_id)
        q &= alternatives
    return q


def _string_q(field: str, value: dict[str, Any]) -> Q:
    if value.get("eq") is not None:
        return Q(**{field: value["eq"]})
    if value.get("one_of") is not None:
        return Q(**{f"{field}__in": value["one_of"]})
    return Q()


def _global_id_values(value: dict[str, Any], type_name: str) -> list[int]:
    if value.get("eq") is not None:
        return ids_from_global_ids([value["eq"]], type_name)
    return ids_from_global_ids(value.get("one_of") or [], type_name)


def _decimal_q(value: dict[str, Any], in_range: Any) -> Q:
    if value.get("eq") is not None:
        return in_range(value["eq"], value["eq"])
    if value.get("one_of") is not None:
        q = Q(pk__in=[])
        for amount in value["one_of"]:
            q |= in_range(amount, amount)
        return q
    bounds = value.get("range") or {}
    return in_range(bounds.get("gte"), bounds.get("lte"))


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))  # a Float input: its shortest decimal form, never binary
    except InvalidOperation as error:
        raise GraphQLError(f"Invalid price: {value}.") from error


def _in_categories(category_ids: list[int]) -> Q:
    """Products in these categories or any of their subcategories (MPTT bounds)."""
    ancestors = Category.objects.filter(
        pk__in=category_ids,
        tree_id=OuterRef("category__tree_id"),
        lft__lte=OuterRef("category__lft"),
        rght__gte=OuterRef("category__rght"),
    )
    return Q(Exists(ancestors))


def _in_collections(collection_ids: list[int]) -> Q:
    return Q(
        Exists(
            CollectionProduct.objects.filter(
                product_id=OuterRef("pk"), collection_id__in=collection_ids
            )
        )
    )


def _variant_price_in(channel_id: int, gte: Any, lte: Any) -> Q:
    listings = ProductVariantChannelListing.objects.filter(
        variant__product_id=OuterRef("pk"), channel_id=channel_id
    )
    if (low := _decimal(gte)) is not None:
        listings = listings.filter(price_amount__gte=low)
    if (high := _decimal(lte)) is not None:
        listings = listings.filter(price_amount__lte=high)
    return Q(Exists(listings))


def _minimal_price_in(channel_id: int, gte: Any, lte: Any) -> Q:
    listings = ProductChannelListing.objects.filter(
        product_id=OuterRef("pk"), channel_id=channel_id
    )
    if (low := _decimal(gte)) is not None:
        listings = listings.filter(discounted_price_amount__gte=low)
    if (high := _decimal(lte)) is not None:
        listings = listings.filter(discounted_price_amount__lte=high)
    return Q(Exists(listings))


def _stock_q(availability: Any, channel_id: int) -> Q:
    in_stock = Exists(
        Stock.objects.filter(
            product_variant__product_id=OuterRef("pk"),
            product_variant__channel_listings__channel_id=channel_id,
            quantity__gt=F("quantity_allocated"),
        )
    )
    wanted = getattr(availability, "value", availability)
    return Q(in_stock) if wanted == StockAvailability.IN_STOCK.value else ~Q(in_stock)


def _attribute_q(attribute: dict[str, Any]) -> Q:
    assigned = AssignedProductAttributeValue.objects.filter(product_id=OuterRef("pk"))
    if attribute.get("slug"):
        assigned = assigned.filter(value__attribute__slug=attribute["slug"])
    if attribute.get("values") is not None:
        assigned = assigned.filter(value__slug__in=attribute["values"])
    if attribute.get("boolean") is not None:
        assigned = assigned.filter(value__boolean=attribute["boolean"])
    return Q(Exists(assigned))
