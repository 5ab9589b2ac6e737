"""Sunshine Market extensions: `pavilions`, `pavilion`, `regionalBrands`, `regionalBrand`,
`campaigns`, `campaign` (published ones only; a draft and a missing slug are alike: null)."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q
from graphql import GraphQLResolveInfo

from backend.graphql.core.fields import require_one_of
from backend.graphql.zone.types import Campaign, Pavilion, RegionalBrand
from backend.zone.lookups import (
    live_campaigns,
    published_brands,
    published_campaigns,
    published_pavilions,
)


class ZoneQueries(graphene.ObjectType):
    pavilions = graphene.NonNull(
        graphene.List(graphene.NonNull(Pavilion)),
        description="Sunshine Market: the county pavilions, in the operators' order.",
    )
    pavilion = graphene.Field(
        Pavilion,
        slug=graphene.String(),
        county_code=graphene.String(description="Official code of the county, e.g. 621123."),
        description="Sunshine Market: a county pavilion by slug or county code.",
    )
    regional_brands = graphene.NonNull(
        graphene.List(graphene.NonNull(RegionalBrand)),
        description="Sunshine Market: brands several counties sell under.",
    )
    regional_brand = graphene.Field(RegionalBrand, slug=graphene.String(required=True))
    campaigns = graphene.NonNull(
        graphene.List(graphene.NonNull(Campaign)),
        live_only=graphene.Boolean(default_value=False, description="Only campaigns on now."),
        description="Sunshine Market: campaigns and festivals, the latest first.",
    )
    campaign = graphene.Field(Campaign, slug=graphene.String(required=True))

    @staticmethod
    def resolve_pavilions(root: None, info: GraphQLResolveInfo) -> Any:
        return list(published_pavilions().order_by("sort_order", "name", "pk"))

    @staticmethod
    def resolve_pavilion(
        root: None,
        info: GraphQLResolveInfo,
        slug: str | None = None,
        county_code: str | None = None,
    ) -> Any:
        require_one_of(slug=slug, county_code=county_code)
        lookup = Q(slug=slug) if slug is not None else Q(county__code=county_code)
        return published_pavilions().filter(lookup).first()

    @staticmethod
    def resolve_regional_brands(root: None, info: GraphQLResolveInfo) -> Any:
        return list(published_brands())

    @staticmethod
    def resolve_regional_brand(root: None, info: GraphQLResolveInfo, slug: str) -> Any:
        return published_brands().filter(slug=slug).first()

    @staticmethod
    def resolve_campaigns(root: None, info: GraphQLResolveInfo, live_only: bool = False) -> Any:
        campaigns = live_campaigns() if live_only else published_campaigns()
        return list(campaigns.order_by("-starts_at", "pk"))

    @staticmethod
    def resolve_campaign(root: None, info: GraphQLResolveInfo, slug: str) -> Any:
        return published_campaigns().filter(slug=slug).first()
