"""The ProductVariant type: a sellable unit (SKU) with its price in a channel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import graphene
from graphene import relay
from graphql import GraphQLResolveInfo
from prices import Money, TaxedMoney

from backend.catalog.models import ProductVariant as ProductVariantModel
from backend.catalog.models import ProductVariantChannelListing
from backend.graphql.catalog.dataloaders.products import ProductByIdLoader
from backend.graphql.catalog.dataloaders.variants import (
    AttributeValuesByVariantIdLoader,
    AvailableQuantityByVariantIdLoader,
    MediaByVariantIdLoader,
    VariantChannelListingByVariantIdAndChannelLoader,
)
from backend.graphql.catalog.enums import VariantAttributeScopeEnum
from backend.graphql.catalog.types.attributes import SelectedAttribute, group_selected
from backend.graphql.catalog.types.products import ProductMedia, untaxed, weight_or_none
from backend.graphql.core.context import ChannelContext
from backend.graphql.core.dataloaders import then
from backend.graphql.core.types import ObjectWithMetadata, Weight
from backend.graphql.core.types import TaxedMoney as TaxedMoneyType

VariantRoot = ChannelContext[ProductVariantModel]

# Saleor caps the quantity it reports (MAX_CHECKOUT_LINE_QUANTITY): exact stock levels are
# the producer's business, and no checkout line may ask for more anyway.
QUANTITY_AVAILABLE_CAP = 50


@dataclass(frozen=True)
class VariantPricingData:
    price: TaxedMoney


class VariantPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean(description="Whether it is in sale or not.")
    discount = graphene.Field(TaxedMoneyType, description="The discount amount if in sale.")
    price = graphene.Field(TaxedMoneyType, description="The price, with any discount subtracted.")
    price_undiscounted = graphene.Field(
        TaxedMoneyType, description="The price without any discount."
    )
    price_prior = graphene.Field(TaxedMoneyType, description="The price prior to discount.")

    class Meta:
        description = "Represents availability of a variant in the storefront."

    @staticmethod
    def resolve_on_sale(root: VariantPricingData, info: GraphQLResolveInfo) -> bool:
        return False

    @staticmethod
    def resolve_discount(root: VariantPricingData, info: GraphQLResolveInfo) -> None:
        return None

    @staticmethod
    def resolve_price_undiscounted(root: VariantPricingData, info: GraphQLResolveInfo) -> Any:
        return root.price

    @staticmethod
    def resolve_price_prior(root: VariantPricingData, info: GraphQLResolveInfo) -> None:
        return None


def _listing(root: VariantRoot, info: GraphQLResolveInfo) -> Any:
    loader = VariantChannelListingByVariantIdAndChannelLoader(info.context)
    return loader.load((root.node.pk, root.channel.pk))


def _pricing(listing: ProductVariantChannelListing | None) -> VariantPricingData | None:
    if listing is None:
        return None
    return VariantPricingData(price=untaxed(Money(listing.price_amount, listing.currency)))


class ProductVariant(graphene.ObjectType):
    name = graphene.String(required=True)
    sku = graphene.String()
    product = graphene.Field("backend.graphql.catalog.types.products.Product", required=True)
    track_inventory = graphene.Boolean(required=True)
    quantity_limit_per_customer = graphene.Int()
    weight = graphene.Field(Weight)
    channel = graphene.String(description="Channel given to retrieve this product variant.")
    pricing = graphene.Field(
        VariantPricingInfo, description="Lists the storefront variant's pricing."
    )
    attributes = graphene.NonNull(
        graphene.List(graphene.NonNull(SelectedAttribute)),
        variant_selection=graphene.Argument(VariantAttributeScopeEnum),
    )
    media = graphene.List(graphene.NonNull(ProductMedia))
    quantity_available = graphene.Int(
        description="Quantity of a product available for sale in one checkout (at most 50)."
    )
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Represents a version of a product such as different size or grade."

    @staticmethod
    def resolve_id(root: VariantRoot, info: GraphQLResolveInfo) -> int:
        return root.node.pk

    @staticmethod
    def resolve_name(root: VariantRoot, info: GraphQLResolveInfo) -> str:
        return root.node.name

    @staticmethod
    def resolve_sku(root: VariantRoot, info: GraphQLResolveInfo) -> str | None:
        return root.node.sku

    @staticmethod
    def resolve_product(root: VariantRoot, info: GraphQLResolveInfo) -> Any:
        product = ProductByIdLoader(info.context).load(root.node.product_id)
        return then(product, lambda p: ChannelContext(p, root.channel))

    @staticmethod
    def resolve_track_inventory(root: VariantRoot, info: GraphQLResolveInfo) -> bool:
        return root.node.track_inventory

    @staticmethod
    def resolve_quantity_limit_per_customer(root: VariantRoot, info: GraphQLResolveInfo) -> Any:
        return root.node.quantity_limit_per_customer

    @staticmethod
    def resolve_weight(root: VariantRoot, info: GraphQLResolveInfo) -> Any:
        return weight_or_none(root.node.weight_grams)

    @staticmethod
    def resolve_channel(root: VariantRoot, info: GraphQLResolveInfo) -> str:
        return root.channel.slug

    @staticmethod
    def resolve_pricing(root: VariantRoot, info: GraphQLResolveInfo) -> Any:
        return then(_listing(root, info), _pricing)

    @staticmethod
    def resolve_attributes(
        root: VariantRoot, info: GraphQLResolveInfo, variant_selection: Any = None
    ) -> Any:
        loader = AttributeValuesByVariantIdLoader(info.context)
        return then(loader.load(root.node.pk), group_selected)

    @staticmethod
    def resolve_media(root: VariantRoot, info: GraphQLResolveInfo) -> Any:
        return MediaByVariantIdLoader(info.context).load(root.node.pk)

    @staticmethod
    def resolve_quantity_available(root: VariantRoot, info: GraphQLResolveInfo) -> Any:
        if not root.node.track_inventory:
            return QUANTITY_AVAILABLE_CAP
        available = AvailableQuantityByVariantIdLoader(info.context).load(root.node.pk)
        return then(available, lambda quantity: min(quantity, QUANTITY_AVAILABLE_CAP))

    @staticmethod
    def resolve_created(root: VariantRoot, info: GraphQLResolveInfo) -> datetime:
        return root.node.created_at

    @staticmethod
    def resolve_updated_at(root: VariantRoot, info: GraphQLResolveInfo) -> datetime:
        return root.node.updated_at
