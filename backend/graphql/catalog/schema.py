"""Catalogue queries with Saleor 3's names and arguments."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.catalog import resolvers
from backend.graphql.catalog.enums import CollectionPublishedEnum
from backend.graphql.catalog.sorters import CategorySortingInput, CollectionSortingInput
from backend.graphql.catalog.types.categories import (
    Category,
    CategoryCountableConnection,
    product_list_args,
)
from backend.graphql.catalog.types.collections import Collection, CollectionCountableConnection
from backend.graphql.catalog.types.products import Product, ProductCountableConnection
from backend.graphql.catalog.types.variants import ProductVariant
from backend.graphql.core.fields import connection_field

CHANNEL_ARG = "Slug of a channel for which the data should be returned."


class CategoryFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class CategoryWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))


class CollectionFilterInput(graphene.InputObjectType):
    published = graphene.Argument(CollectionPublishedEnum)
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    channel = graphene.String(deprecation_reason="Use root-level channel argument instead.")


class CatalogQueries(graphene.ObjectType):
    products = connection_field(
        ProductCountableConnection,
        description="List of the shop's products visible in the channel.",
        channel=graphene.String(description=CHANNEL_ARG),
        **product_list_args(),
    )
    product = graphene.Field(
        Product,
        id=graphene.ID(description="ID of the product."),
        slug=graphene.String(description="Slug of the product."),
        channel=graphene.String(description=CHANNEL_ARG),
        description="Look up a product by ID or slug.",
    )
    product_variant = graphene.Field(
        ProductVariant,
        id=graphene.ID(description="ID of the product variant."),
        sku=graphene.String(description="SKU of the product variant."),
        channel=graphene.String(description=CHANNEL_ARG),
        description="Look up a product variant by ID or SKU.",
    )
    categories = connection_field(
        CategoryCountableConnection,
        description="List of the shop's categories.",
        filter=graphene.Argument(CategoryFilterInput),
        where=graphene.Argument(CategoryWhereInput),
        sort_by=graphene.Argument(CategorySortingInput),
        level=graphene.Int(description="Filter categories by the nesting level in the tree."),
    )
    category = graphene.Field(
        Category,
        id=graphene.ID(),
        slug=graphene.String(),
        description="Look up a category by ID or slug.",
    )
    collections = connection_field(
        CollectionCountableConnection,
        description="List of the shop's collections published in the channel.",
        filter=graphene.Argument(CollectionFilterInput),
        sort_by=graphene.Argument(CollectionSortingInput),
        channel=graphene.String(description=CHANNEL_ARG),
    )
    collection = graphene.Field(
        Collection,
        id=graphene.ID(),
        slug=graphene.String(),
        channel=graphene.String(description=CHANNEL_ARG),
        description="Look up a collection by ID or slug.",
    )

    @staticmethod
    def resolve_products(
        root: None, info: GraphQLResolveInfo, channel: str | None = None, **args: Any
    ) -> Any:
        return resolvers.resolve_products(info.context, channel, args)

    @staticmethod
    def resolve_product(
        root: None,
        info: GraphQLResolveInfo,
        id: str | None = None,
        slug: str | None = None,
        channel: str | None = None,
    ) -> Any:
        return resolvers.resolve_product(info.context, id=id, slug=slug, channel=channel)

    @staticmethod
    def resolve_product_variant(
        root: None,
        info: GraphQLResolveInfo,
        id: str | None = None,
        sku: str | None = None,
        channel: str | None = None,
    ) -> Any:
        return resolvers.resolve_product_variant(info.context, id=id, sku=sku, channel=channel)

    @staticmethod
    def resolve_categories(
        root: None, info: GraphQLResolveInfo, level: int | None = None, **args: Any
    ) -> Any:
        return resolvers.resolve_categories(info.context, level, args)

    @staticmethod
    def resolve_category(
        root: None, info: GraphQLResolveInfo, id: str | None = None, slug: str | None = None
    ) -> Any:
        return resolvers.resolve_category(info.context, id=id, slug=slug)

    @staticmethod
    def resolve_collections(
        root: None, info: GraphQLResolveInfo, channel: str | None = None, **args: Any
    ) -> Any:
        return resolvers.resolve_collections(info.context, channel, args)

    @staticmethod
    def resolve_collection(
        root: None,
        info: GraphQLResolveInfo,
        id: str | None = None,
        slug: str | None = None,
        channel: str | None = None,
    ) -> Any:
        return resolvers.resolve_collection(info.context, id=id, slug=slug, channel=channel)
