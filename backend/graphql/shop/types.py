"""Shop: the storefront's general information, in Saleor's shape (a public subset)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

import graphene
from django.conf import settings
from django.utils.translation import gettext, gettext_lazy
from graphql import GraphQLResolveInfo

from backend.catalog.models import Channel as ChannelModel
from backend.graphql.channel.types import country_display
from backend.graphql.core.enums import WeightUnits, WeightUnitsEnum
from backend.graphql.core.ids import to_global_id
from backend.graphql.core.types import CountryDisplay, LanguageDisplay, ObjectWithMetadata

SHOP_NAME = gettext_lazy("Sunshine Market")
SHOP_DESCRIPTION = gettext_lazy(
    "A marketplace for disabled sellers and registered poor households."
)
# The Saleor schema version whose names and shapes this API follows.
SALEOR_SCHEMA_VERSION = "3.24"
LANGUAGE_NAMES = {"zh-hans": "简体中文", "en": "English"}


class Domain(graphene.ObjectType):
    host = graphene.String(required=True, description="The host name of the domain.")
    ssl_enabled = graphene.Boolean(required=True, description="Inform if SSL is enabled.")
    url = graphene.String(required=True, description="The absolute URL of the API.")


class Shop(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True, description="Shop's name.")
    description = graphene.String(description="Shop's description.")
    header_text = graphene.String(description="Header text.")
    default_country = graphene.Field(CountryDisplay, description="Shop's default country.")
    countries = graphene.NonNull(
        graphene.List(graphene.NonNull(CountryDisplay)), description="Countries we sell to."
    )
    channel_currencies = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    domain = graphene.Field(Domain, required=True)
    languages = graphene.NonNull(graphene.List(graphene.NonNull(LanguageDisplay)))
    default_weight_unit = graphene.Field(WeightUnitsEnum)
    track_inventory_by_default = graphene.Boolean()
    display_gross_prices = graphene.Boolean(required=True)
    include_taxes_in_prices = graphene.Boolean(required=True)
    phone_prefixes = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    version = graphene.String(required=True)
    schema_version = graphene.String(required=True)

    class Meta:
        interfaces = (ObjectWithMetadata,)
        description = "Represents a shop resource containing general shop data and configuration."

    @staticmethod
    def resolve_id(root: Any, info: GraphQLResolveInfo) -> str:
        return to_global_id("Shop", "shop")

    @staticmethod
    def resolve_name(root: Any, info: GraphQLResolveInfo) -> str:
        return str(SHOP_NAME)

    @staticmethod
    def resolve_description(root: Any, info: GraphQLResolveInfo) -> str:
        return str(SHOP_DESCRIPTION)

    @staticmethod
    def resolve_header_text(root: Any, info: GraphQLResolveInfo) -> str:
        return gettext("E-commerce poverty alleviation for disabled people")

    @staticmethod
    def resolve_default_country(root: Any, info: GraphQLResolveInfo) -> CountryDisplay:
        return country_display(settings.DEFAULT_COUNTRY)

    @staticmethod
    def resolve_countries(root: Any, info: GraphQLResolveInfo) -> list[CountryDisplay]:
        return [country_display(settings.DEFAULT_COUNTRY)]

    @staticmethod
    def resolve_channel_currencies(root: Any, info: GraphQLResolveInfo) -> list[str]:
        currencies = ChannelModel.objects.filter(is_active=True).values_list(
            "currency_code", flat=True
        )
        return sorted(set(currencies))

    @staticmethod
    def resolve_domain(root: Any, info: GraphQLResolveInfo) -> Domain:
        request = info.context.request
        return Domain(
            host=request.get_host(),
            ssl_enabled=request.is_secure(),
            url=request.build_absolute_uri("/graphql/"),
        )

    @staticmethod
    def resolve_languages(root: Any, info: GraphQLResolveInfo) -> list[LanguageDisplay]:
        return [
            LanguageDisplay(code=code, language=LANGUAGE_NAMES.get(code, name))
            for code, name in settings.LANGUAGES
        ]

    @staticmethod
    def resolve_default_weight_unit(root: Any, info: GraphQLResolveInfo) -> str:
        return WeightUnits.G.value

    @staticmethod
    def resolve_track_inventory_by_default(root: Any, info: GraphQLResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_display_gross_prices(root: Any, info: GraphQLResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_include_taxes_in_prices(root: Any, info: GraphQLResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_phone_prefixes(root: Any, info: GraphQLResolveInfo) -> list[str]:
        return ["+86"]

    @staticmethod
    def resolve_version(root: Any, info: GraphQLResolveInfo) -> str:
        try:
            return version("sunshine-market")
        except PackageNotFoundError:
            return "0.0.0"

    @staticmethod
    def resolve_schema_version(root: Any, info: GraphQLResolveInfo) -> str:
        return SALEOR_SCHEMA_VERSION
