"""The Collection type: a curated, per-channel published list of products."""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay
from graphql import GraphQLResolveInfo

from backend.catalog.models import Collection as CollectionModel
from backend.graphql.catalog.dataloaders.connections import (
    ProductCountByCollectionLoader,
    ProductsByCollectionLoader,
)
from backend.graphql.catalog.types.categories import product_list_args
from backend.graphql.catalog.types.products import ProductCountableConnection, thumbnail_args
from backend.graphql.core.connection import CountableConnection, page_args
from backend.graphql.core.context import ChannelContext
from backend.graphql.core.descriptions import editorjs_document
from backend.graphql.core.fields import connection_field
from backend.graphql.core.images import image_or_none
from backend.graphql.core.nested import nested_connection
from backend.graphql.core.types import Image, ObjectWithMetadata

CollectionRoot = ChannelContext[CollectionModel]


class Collection(graphene.ObjectType):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = graphene.JSONString(description="Description of the collection (Editor.js).")
    slug = graphene.String(required=True)
    channel = graphene.String(description="Channel given to retrieve this collection.")
    description_json = graphene.JSONString(
        deprecation_reason="Use the `description` field instead."
    )
    products = connection_field(
        ProductCountableConnection,
        description="List of products in this collection.",
        **product_list_args(),
    )
    background_image = graphene.Field(Image, **thumbnail_args())

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Represents a collection of products."

    @staticmethod
    def resolve_id(root: CollectionRoot, info: GraphQLResolveInfo) -> int:
        return root.node.pk

    @staticmethod
    def resolve_seo_title(root: CollectionRoot, info: GraphQLResolveInfo) -> str | None:
        return root.node.seo_title or None

    @staticmethod
    def resolve_seo_description(root: CollectionRoot, info: GraphQLResolveInfo) -> str | None:
        return root.node.seo_description or None

    @staticmethod
    def resolve_name(root: CollectionRoot, info: GraphQLResolveInfo) -> str:
        return root.node.name

    @staticmethod
    def resolve_slug(root: CollectionRoot, info: GraphQLResolveInfo) -> str:
        return root.node.slug

    @staticmethod
    def resolve_channel(root: CollectionRoot, info: GraphQLResolveInfo) -> str:
        return root.channel.slug

    @staticmethod
    def resolve_description(root: CollectionRoot, info: GraphQLResolveInfo) -> Any:
        return editorjs_document(root.node.description)

    resolve_description_json = resolve_description

    @staticmethod
    def resolve_products(root: CollectionRoot, info: GraphQLResolveInfo, **args: Any) -> Any:
        page_args(args, "products")
        channel = root.channel
        return nested_connection(
            info,
            connection_type=ProductCountableConnection,
            loader=ProductsByCollectionLoader,
            count_loader=ProductCountByCollectionLoader,
            parent_id=root.node.pk,
            args=args,
            channel_id=channel.pk,
            wrap=lambda product: ChannelContext(product, channel),
        )

    @staticmethod
    def resolve_background_image(
        root: CollectionRoot, info: GraphQLResolveInfo, size: int | None = None, format: Any = None
    ) -> Image | None:
        collection = root.node
        name = collection.background_image.name if collection.background_image else None
        return image_or_none(name, collection.background_image_alt, size=size, fmt=format)


class CollectionCountableConnection(CountableConnection):
    class Meta:
        node = Collection
        strict_types = True
