"""Saleor's `Address` type, filled from a Chinese delivery address (a checkout's, or an order's
snapshot): the recipient's full name is `firstName`, the province is `countryArea`, the county
or district `cityArea`, the street detail `streetAddress1`, the mobile number `phone`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.channel.types import country_display
from backend.graphql.core.types import CountryDisplay, ObjectWithMetadata
from backend.graphql.regions.dataloaders import RegionByIdLoader
from backend.graphql.regions.types import Region

COUNTRY = "CN"


@dataclass(frozen=True)
class AddressData:
    key: str  # what the global ID is made of: "checkout:<token>" or "order:<token>"
    recipient_name: str
    phone: str
    province: str
    city: str
    county: str
    street: str
    county_id: int | None = None
    region_code: str = ""


class Address(graphene.ObjectType):
    first_name = graphene.String(required=True, description="The recipient's full name.")
    last_name = graphene.String(required=True, description="Empty: see `firstName`.")
    company_name = graphene.String(required=True)
    street_address_1 = graphene.String(required=True, description="Street, building and room.")
    street_address_2 = graphene.String(required=True)
    city = graphene.String(required=True, description="Prefecture city (or municipality).")
    city_area = graphene.String(required=True, description="County or district.")
    postal_code = graphene.String(required=True)
    country = graphene.Field(CountryDisplay, required=True)
    country_area = graphene.String(required=True, description="Province.")
    phone = graphene.String(description="Mobile number (E.164).")
    is_default_shipping_address = graphene.Boolean()
    is_default_billing_address = graphene.Boolean()
    region = graphene.Field(
        Region, description="Sunshine Market: the county or district in the region tree."
    )
    region_code = graphene.String(description="Sunshine Market: official county code.")

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = "Represents user address data."

    @staticmethod
    def resolve_id(root: AddressData, info: GraphQLResolveInfo) -> str:
        return root.key

    @staticmethod
    def resolve_first_name(root: AddressData, info: GraphQLResolveInfo) -> str:
        return root.recipient_name

    @staticmethod
    def resolve_last_name(root: AddressData, info: GraphQLResolveInfo) -> str:
        return ""

    @staticmethod
    def resolve_company_name(root: AddressData, info: GraphQLResolveInfo) -> str:
        return ""

    @staticmethod
    def resolve_street_address_1(root: AddressData, info: GraphQLResolveInfo) -> str:
        return root.street

    @staticmethod
    def resolve_street_address_2(root: AddressData, info: GraphQLResolveInfo) -> str:
        return ""

    @staticmethod
    def resolve_city(root: AddressData, info: GraphQLResolveInfo) -> str:
        return root.city or root.province

    @staticmethod
    def resolve_city_area(root: AddressData, info: GraphQLResolveInfo) -> str:
        return root.county

    @staticmethod
    def resolve_postal_code(root: AddressData, info: GraphQLResolveInfo) -> str:
        return ""

    @staticmethod
    def resolve_country(root: AddressData, info: GraphQLResolveInfo) -> CountryDisplay:
        return country_display(COUNTRY)

    @staticmethod
    def resolve_country_area(root: AddressData, info: GraphQLResolveInfo) -> str:
        return root.province

    @staticmethod
    def resolve_phone(root: AddressData, info: GraphQLResolveInfo) -> str:
        return root.phone

    @staticmethod
    def resolve_region(root: AddressData, info: GraphQLResolveInfo) -> Any:
        if root.county_id is None:
            return None
        return RegionByIdLoader(info.context).load(root.county_id)

    @staticmethod
    def resolve_region_code(root: AddressData, info: GraphQLResolveInfo) -> str | None:
        return root.region_code or None
