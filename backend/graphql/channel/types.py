from __future__ import annotations

import graphene
from django.utils.translation import gettext, gettext_noop
from graphene import relay
from graphql import GraphQLResolveInfo

from backend.catalog.models import Channel as ChannelModel
from backend.graphql.core.types import CountryDisplay, ObjectWithMetadata

COUNTRY_NAMES = {"CN": gettext_noop("China")}


def country_display(code: str) -> CountryDisplay:
    return CountryDisplay(code=code, country=gettext(COUNTRY_NAMES.get(code, code)))


class Channel(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    is_active = graphene.Boolean(required=True)
    currency_code = graphene.String(required=True)
    default_country = graphene.Field(CountryDisplay, required=True)
    countries = graphene.List(graphene.NonNull(CountryDisplay))

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Represents a sales channel: products, variants and prices are per channel."

    @staticmethod
    def resolve_id(root: ChannelModel, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_default_country(root: ChannelModel, info: GraphQLResolveInfo) -> CountryDisplay:
        return country_display(root.default_country)

    @staticmethod
    def resolve_countries(root: ChannelModel, info: GraphQLResolveInfo) -> list[CountryDisplay]:
        return [country_display(root.default_country)]
