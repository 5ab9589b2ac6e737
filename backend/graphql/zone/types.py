"""Pavilion, RegionalBrand and Campaign: the special-products zone in the API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import graphene
from django.utils import timezone
from graphql import GraphQLResolveInfo

from backend.graphql.catalog.types.products import Product, thumbnail_args
from backend.graphql.core.context import ChannelContext
from backend.graphql.core.dataloaders import then
from backend.graphql.core.images import image_or_none
from backend.graphql.core.types import Image
from backend.graphql.producers.types import Producer
from backend.graphql.regions.dataloaders import RegionByIdLoader
from backend.graphql.regions.types import Region
from backend.graphql.zone.dataloaders import (
    BrandByIdLoader,
    FeaturedProducersByPavilionIdLoader,
    FeaturedProductsByCampaignLoader,
    FeaturedProductsByPavilionLoader,
    PavilionsByBrandIdLoader,
    PhotosByPavilionIdLoader,
)
from backend.zone.models import Campaign as CampaignModel
from backend.zone.models import Pavilion as PavilionModel
from backend.zone.models import RegionalBrand as RegionalBrandModel

CHANNEL_ARG = {
    "channel": graphene.String(description="Slug of a channel for which the data is returned.")
}


def _products_in_channel(
    info: GraphQLResolveInfo, loader: Any, object_id: int, channel: str | None
) -> Any:
    found = info.context.require_channel(channel)
    return then(
        loader(info.context).load((object_id, found.pk)),
        lambda products: [ChannelContext(product, found) for product in products],
    )


class Pavilion(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    signature = graphene.String(
        required=True, description="What the county is known for (一县一品), e.g. 党参."
    )
    summary = graphene.String(required=True)
    story = graphene.String(required=True)
    county = graphene.Field(Region, required=True)
    brand = graphene.Field(lambda: RegionalBrand, description="The regional brand, if any.")
    photos = graphene.NonNull(graphene.List(graphene.NonNull(Image)), **thumbnail_args())
    featured_producers = graphene.NonNull(graphene.List(graphene.NonNull(Producer)))
    featured_products = graphene.Field(
        graphene.NonNull(graphene.List(graphene.NonNull(Product))),
        description="The signature product first, then the operators' choices, as visible "
        "in the channel.",
        **CHANNEL_ARG,
    )

    class Meta:
        description = "Sunshine Market: a county pavilion of the special-products zone."

    @staticmethod
    def resolve_county(root: PavilionModel, info: GraphQLResolveInfo) -> Any:
        return RegionByIdLoader(info.context).load(root.county_id)

    @staticmethod
    def resolve_brand(root: PavilionModel, info: GraphQLResolveInfo) -> Any:
        if root.brand_id is None:
            return None
        return BrandByIdLoader(info.context).load(root.brand_id)

    @staticmethod
    def resolve_photos(
        root: PavilionModel, info: GraphQLResolveInfo, size: int | None = None, format: Any = None
    ) -> Any:
        return then(
            PhotosByPavilionIdLoader(info.context).load(root.pk),
            lambda photos: [
                image_or_none(photo.image.name, photo.alt, size=size, fmt=format)
                for photo in photos
            ],
        )

    @staticmethod
    def resolve_featured_producers(root: PavilionModel, info: GraphQLResolveInfo) -> Any:
        return FeaturedProducersByPavilionIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_featured_products(
        root: PavilionModel, info: GraphQLResolveInfo, channel: str | None = None
    ) -> Any:
        return _products_in_channel(info, FeaturedProductsByPavilionLoader, root.pk, channel)


class RegionalBrand(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    tagline = graphene.String(required=True)
    story = graphene.String(required=True)
    logo = graphene.Field(Image, **thumbnail_args())
    pavilions = graphene.NonNull(
        graphene.List(graphene.NonNull(Pavilion)),
        description="The county pavilions selling under this brand.",
    )

    class Meta:
        description = "Sunshine Market: a brand several counties sell under."

    @staticmethod
    def resolve_logo(
        root: RegionalBrandModel,
        info: GraphQLResolveInfo,
        size: int | None = None,
        format: Any = None,
    ) -> Image | None:
        name = root.logo.name if root.logo else None
        return image_or_none(name, root.logo_alt or root.name, size=size, fmt=format)

    @staticmethod
    def resolve_pavilions(root: RegionalBrandModel, info: GraphQLResolveInfo) -> Any:
        return PavilionsByBrandIdLoader(info.context).load(root.pk)


class Campaign(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    summary = graphene.String(required=True)
    story = graphene.String(required=True)
    starts_at = graphene.DateTime(required=True)
    ends_at = graphene.DateTime(required=True)
    is_live = graphene.Boolean(required=True, description="Running now.")
    featured_products = graphene.Field(
        graphene.NonNull(graphene.List(graphene.NonNull(Product))), **CHANNEL_ARG
    )

    class Meta:
        description = "Sunshine Market: a campaign or festival with featured products."

    @staticmethod
    def resolve_starts_at(root: CampaignModel, info: GraphQLResolveInfo) -> datetime:
        return root.starts_at

    @staticmethod
    def resolve_ends_at(root: CampaignModel, info: GraphQLResolveInfo) -> datetime:
        return root.ends_at

    @staticmethod
    def resolve_is_live(root: CampaignModel, info: GraphQLResolveInfo) -> bool:
        return root.is_live(timezone.now())

    @staticmethod
    def resolve_featured_products(
        root: CampaignModel, info: GraphQLResolveInfo, channel: str | None = None
    ) -> Any:
        return _products_in_channel(info, FeaturedProductsByCampaignLoader, root.pk, channel)
