"""Root resolvers of the catalogue: visibility comes from backend.catalog.lookups, always."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from backend.catalog.lookups import products_visible_in_channel, published_collections
from backend.catalog.models import Category, Channel, Collection, Product, ProductVariant
from backend.graphql.catalog.filters import filter_products
from backend.graphql.catalog.search import resolve_ranked_products, wants_ranking
from backend.graphql.catalog.sorters import category_sort, collection_sort, product_sort
from backend.graphql.catalog.types.categories import CategoryCountableConnection
from backend.graphql.catalog.types.collections import CollectionCountableConnection
from backend.graphql.catalog.types.products import ProductCountableConnection
from backend.graphql.core.connection import build_connection, page_args, slice_queryset
from backend.graphql.core.context import ChannelContext, GraphQLContext
from backend.graphql.core.fields import require_one_of
from backend.graphql.core.ids import from_global_id_or_error, ids_from_global_ids


def channel_slug_from(channel: str | None, args: dict[str, Any]) -> str | None:
    """The root `channel` argument, else the deprecated `filter.channel`/`sortBy.channel`."""
    if channel is not None:
        return channel
    for name in ("filter", "sort_by"):
        nested = args.get(name) or {}
        if nested.get("channel"):
            return str(nested["channel"])
    return None


def resolve_products(context: GraphQLContext, channel: str | None, args: dict[str, Any]) -> Any:
    page = page_args(args, "products")
    found = context.require_channel(channel_slug_from(channel, args))
    if wants_ranking(args):
        other = {k: v for k, v in (args.get("filter") or {}).items() if k != "search"}
        restricted = None
        if other or args.get("where"):
            restricted = filter_products(
                products_visible_in_channel(found),
                channel_id=found.pk,
                filter_input=other,
                where=args.get("where"),
            )
        return resolve_ranked_products(found, args, page, restricted)
    queryset = filter_products(
        products_visible_in_channel(found),
        channel_id=found.pk,
        filter_input=args.get("filter"),
        where=args.get("where"),
        search=args.get("search"),
    )
    sort = product_sort(args.get("sort_by"), found.pk)
    return build_connection(
        ProductCountableConnection,
        slice_queryset(queryset, sort, page),
        wrap=lambda product: ChannelContext(product, found),
    )


def resolve_product(
    context: GraphQLContext, *, id: str | None, slug: str | None, channel: str | None
) -> ChannelContext[Product] | None:
    require_one_of(id=id, slug=slug)
    found = context.require_channel(channel)
    # A direct link may open a product hidden from listings, as in Saleor.
    queryset = products_visible_in_channel(found, in_listings=False)
    if id is not None:
        product = queryset.filter(pk=from_global_id_or_error(id, "Product")).first()
    else:
        product = queryset.filter(slug=slug).first()
    return ChannelContext(product, found) if product else None


def visible_variants(channel: Channel) -> QuerySet[ProductVariant]:
    visible = products_visible_in_channel(channel, in_listings=False)
    return ProductVariant.objects.filter(
        product__in=visible.values("pk"), channel_listings__channel_id=channel.pk
    )


def resolve_product_variant(
    context: GraphQLContext, *, id: str | None, sku: str | None, channel: str | None
) -> ChannelContext[ProductVariant] | None:
    require_one_of(id=id, sku=sku)
    found = context.require_channel(channel)
    queryset = visible_variants(found)
    if id is not None:
        variant = queryset.filter(pk=from_global_id_or_error(id, "ProductVariant")).first()
    else:
        variant = queryset.filter(sku=sku).first()
    return ChannelContext(variant, found) if variant else None


def _common_list_filter(value: dict[str, Any] | None, type_name: str) -> Q:
    q = Q()
    if not value:
        return q
    if value.get("search"):
        q &= Q(name__icontains=value["search"].strip()) | Q(slug__icontains=value["search"])
    if value.get("ids") is not None:
        q &= Q(pk__in=ids_from_global_ids(value["ids"], type_name))
    if value.get("slugs") is not None:
        q &= Q(slug__in=value["slugs"])
    return q


def resolve_categories(context: GraphQLContext, level: int | None, args: dict[str, Any]) -> Any:
    page = page_args(args, "categories")
    queryset = Category.objects.filter(_common_list_filter(args.get("filter"), "Category"))
    if args.get("where"):
        queryset = queryset.filter(_common_list_filter(args["where"], "Category"))
    if level is not None:
        queryset = queryset.filter(level=level)
    return build_connection(
        CategoryCountableConnection,
        slice_queryset(queryset, category_sort(args.get("sort_by")), page),
    )


def resolve_category(context: GraphQLContext, *, id: str | None, slug: str | None) -> Any:
    require_one_of(id=id, slug=slug)
    if id is not None:
        return Category.objects.filter(pk=from_global_id_or_error(id, "Category")).first()
    return Category.objects.filter(slug=slug).first()


def resolve_collections(context: GraphQLContext, channel: str | None, args: dict[str, Any]) -> Any:
    page = page_args(args, "collections")
    found = context.require_channel(channel_slug_from(channel, args))
    filter_input = args.get("filter") or {}
    queryset = published_collections(found).filter(_common_list_filter(filter_input, "Collection"))
    if getattr(filter_input.get("published"), "value", filter_input.get("published")) == "hidden":
        queryset = queryset.none()  # hidden collections are for staff only
    return build_connection(
        CollectionCountableConnection,
        slice_queryset(queryset, collection_sort(args.get("sort_by"), found.pk), page),
        wrap=lambda collection: ChannelContext(collection, found),
    )


def resolve_collection(
    context: GraphQLContext, *, id: str | None, slug: str | None, channel: str | None
) -> ChannelContext[Collection] | None:
    require_one_of(id=id, slug=slug)
    found = context.require_channel(channel)
    queryset = published_collections(found)
    if id is not None:
        collection = queryset.filter(pk=from_global_id_or_error(id, "Collection")).first()
    else:
        collection = queryset.filter(slug=slug).first()
    return ChannelContext(collection, found) if collection else None
