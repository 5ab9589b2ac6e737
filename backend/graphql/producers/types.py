"""Producer: a seller's public profile. Identity numbers have no field here, by design: the
schema test in producers/tests fails if a field that looks like one ever appears."""

from __future__ import annotations

from datetime import date
from typing import Any

import graphene
from graphene import relay
from graphql import GraphQLResolveInfo

from backend.graphql.catalog.dataloaders.connections import (
    ProductCountByProducerLoader,
    ProductsByProducerLoader,
)
from backend.graphql.catalog.types.categories import product_list_args
from backend.graphql.catalog.types.products import ProductCountableConnection, thumbnail_args
from backend.graphql.core.connection import CountableConnection, page_args
from backend.graphql.core.context import ChannelContext
from backend.graphql.core.fields import connection_field
from backend.graphql.core.images import image_or_none
from backend.graphql.core.nested import nested_connection
from backend.graphql.core.types import Image
from backend.graphql.producers.dataloaders import ShopLinksByProducerIdLoader
from backend.graphql.producers.enums import ProducerKindEnum
from backend.graphql.producers.tag_types import load_tags, tags_field
from backend.graphql.regions.dataloaders import RegionByIdLoader
from backend.graphql.regions.types import Region
from backend.graphql.reviews.types import (
    producer_rating,
    producer_review_count,
    producer_reviews,
    rating_field,
    review_count_field,
    reviews_field,
)
from backend.producers.models import Producer as ProducerModel


class ShopLink(graphene.ObjectType):
    platform = graphene.String(required=True, description="Taobao, JD, Pinduoduo, WeChat…")
    url = graphene.String(required=True)

    class Meta:
        description = "Sunshine Market: the producer's shop on another platform."


class Producer(graphene.ObjectType):
    name = graphene.String(required=True, description="Shop name.")
    slug = graphene.String(required=True)
    kind = graphene.Field(ProducerKindEnum, required=True)
    story = graphene.String(required=True)
    region = graphene.Field(Region, required=True, description="Where the producer is.")
    opened_on = graphene.Date(required=True, description="When the shop opened.")
    logo = graphene.Field(Image, **thumbnail_args())
    shop_links = graphene.NonNull(graphene.List(graphene.NonNull(ShopLink)))
    products = connection_field(
        ProductCountableConnection,
        description="The producer's products visible in the channel.",
        channel=graphene.String(description="Slug of a channel for which the data is returned."),
        **product_list_args(),
    )
    member_household_count = graphene.Int(
        required=True, description="Households a cooperative or shop sells for."
    )
    disabled_employee_count = graphene.Int(
        required=True, description="Disabled people an employment base employs."
    )
    tags = tags_field(
        "What the platform or a disability federation verified this producer as, while the "
        "verification is valid; never from the producer's own claim."
    )

    rating = rating_field()
    review_count = review_count_field()
    reviews = reviews_field()

    class Meta:
        interfaces = (relay.Node,)
        description = "Sunshine Market: a producer (seller) and its shop."

    @staticmethod
    def resolve_id(root: ProducerModel, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_region(root: ProducerModel, info: GraphQLResolveInfo) -> Any:
        return RegionByIdLoader(info.context).load(root.region_id)

    @staticmethod
    def resolve_opened_on(root: ProducerModel, info: GraphQLResolveInfo) -> date:
        return root.opened_on

    @staticmethod
    def resolve_logo(
        root: ProducerModel, info: GraphQLResolveInfo, size: int | None = None, format: Any = None
    ) -> Image | None:
        name = root.logo.name if root.logo else None
        return image_or_none(name, root.logo_alt or root.name, size=size, fmt=format)

    @staticmethod
    def resolve_tags(root: ProducerModel, info: GraphQLResolveInfo) -> Any:
        return load_tags(info, root.pk)

    @staticmethod
    def resolve_rating(root: ProducerModel, info: GraphQLResolveInfo) -> Any:
        return producer_rating(info, root.pk)

    @staticmethod
    def resolve_review_count(root: ProducerModel, info: GraphQLResolveInfo) -> Any:
        return producer_review_count(info, root.pk)

    @staticmethod
    def resolve_reviews(root: ProducerModel, info: GraphQLResolveInfo, **args: Any) -> Any:
        return producer_reviews(info, root.pk, args)

    @staticmethod
    def resolve_shop_links(root: ProducerModel, info: GraphQLResolveInfo) -> Any:
        return ShopLinksByProducerIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_products(
        root: ProducerModel, info: GraphQLResolveInfo, channel: str | None = None, **args: Any
    ) -> Any:
        page_args(args, "products")
        found = info.context.require_channel(channel)
        return nested_connection(
            info,
            connection_type=ProductCountableConnection,
            loader=ProductsByProducerLoader,
            count_loader=ProductCountByProducerLoader,
            parent_id=root.pk,
            args=args,
            channel_id=found.pk,
            wrap=lambda product: ChannelContext(product, found),
        )


class ProducerCountableConnection(CountableConnection):
    class Meta:
        node = Producer
        strict_types = True
