"""The Category type: a node of the category tree."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import graphene
from graphene import relay
from graphql import GraphQLResolveInfo

from backend.catalog.models import Category as CategoryModel
from backend.graphql.catalog.dataloaders.connections import (
    ChildCountByCategoryLoader,
    ChildrenByCategoryLoader,
    ProductCountByCategoryLoader,
    ProductsByCategoryLoader,
)
from backend.graphql.catalog.dataloaders.products import CategoryByIdLoader
from backend.graphql.catalog.filters import ProductFilterInput, ProductWhereInput
from backend.graphql.catalog.sorters import ProductOrder
from backend.graphql.catalog.types.products import ProductCountableConnection, thumbnail_args
from backend.graphql.core.connection import CountableConnection, page_args
from backend.graphql.core.context import ChannelContext
from backend.graphql.core.descriptions import editorjs_document
from backend.graphql.core.fields import connection_field
from backend.graphql.core.images import image_or_none
from backend.graphql.core.nested import nested_connection
from backend.graphql.core.types import Image, ObjectWithMetadata


def product_list_args() -> dict[str, Any]:
    """Arguments of every product list (root and nested), as Saleor names them."""
    return {
        "filter": graphene.Argument(ProductFilterInput, description="Filtering options."),
        "where": graphene.Argument(ProductWhereInput, description="Where filtering options."),
        "sort_by": graphene.Argument(ProductOrder, description="Sort products."),
        "search": graphene.String(description="Search products by name, description, producer."),
    }


class Category(graphene.ObjectType):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = graphene.JSONString(description="Description of the category (Editor.js).")
    slug = graphene.String(required=True)
    parent = graphene.Field(lambda: Category)
    level = graphene.Int(required=True)
    description_json = graphene.JSONString(
        deprecation_reason="Use the `description` field instead."
    )
    updated_at = graphene.DateTime(required=True)
    products = connection_field(
        ProductCountableConnection,
        description="List of products in the category (subcategories included).",
        channel=graphene.String(description="Slug of a channel for which the data is returned."),
        **product_list_args(),
    )
    children = connection_field(
        lambda: CategoryCountableConnection, description="List of children of the category."
    )
    background_image = graphene.Field(Image, **thumbnail_args())

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Represents a single category of products (a tree of categories)."

    @staticmethod
    def resolve_id(root: CategoryModel, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_seo_title(root: CategoryModel, info: GraphQLResolveInfo) -> str | None:
        return root.seo_title or None

    @staticmethod
    def resolve_seo_description(root: CategoryModel, info: GraphQLResolveInfo) -> str | None:
        return root.seo_description or None

    @staticmethod
    def resolve_description(root: CategoryModel, info: GraphQLResolveInfo) -> Any:
        return editorjs_document(root.description, updated_at=root.updated_at)

    resolve_description_json = resolve_description

    @staticmethod
    def resolve_parent(root: CategoryModel, info: GraphQLResolveInfo) -> Any:
        if root.parent_id is None:
            return None
        return CategoryByIdLoader(info.context).load(root.parent_id)

    @staticmethod
    def resolve_updated_at(root: CategoryModel, info: GraphQLResolveInfo) -> datetime:
        return root.updated_at

    @staticmethod
    def resolve_products(
        root: CategoryModel, info: GraphQLResolveInfo, channel: str | None = None, **args: Any
    ) -> Any:
        page_args(args, "products")
        found = info.context.require_channel(channel)
        return nested_connection(
            info,
            connection_type=ProductCountableConnection,
            loader=ProductsByCategoryLoader,
            count_loader=ProductCountByCategoryLoader,
            parent_id=root.pk,
            args=args,
            channel_id=found.pk,
            scope=(root.tree_id, root.lft, root.rght),
            wrap=lambda product: ChannelContext(product, found),
        )

    @staticmethod
    def resolve_children(root: CategoryModel, info: GraphQLResolveInfo, **args: Any) -> Any:
        page_args(args, "children")
        return nested_connection(
            info,
            connection_type=CategoryCountableConnection,
            loader=ChildrenByCategoryLoader,
            count_loader=ChildCountByCategoryLoader,
            parent_id=root.pk,
            args=args,
        )

    @staticmethod
    def resolve_background_image(
        root: CategoryModel, info: GraphQLResolveInfo, size: int | None = None, format: Any = None
    ) -> Image | None:
        name = root.background_image.name if root.background_image else None
        return image_or_none(name, root.background_image_alt, size=size, fmt=format)


class CategoryCountableConnection(CountableConnection):
    class Meta:
        node = Category
        strict_types = True
