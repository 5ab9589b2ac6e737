"""Delivery methods offered to a checkout, priced for it (Saleor's `ShippingMethod`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphene import relay
from graphql import GraphQLResolveInfo
from prices import Money

from backend.checkout.collection_points import collection_point_options
from backend.checkout.models import ShippingMethod as ShippingMethodModel
from backend.checkout.pricing import calculate_checkout_totals
from backend.graphql.checkout.fetch import PricedCheckout
from backend.graphql.core.descriptions import editorjs_document
from backend.graphql.core.types import Money as MoneyType
from backend.graphql.core.types import ObjectWithMetadata
from backend.graphql.delivery.types import CollectionPointData, Warehouse

NOT_APPLICABLE_MESSAGE = _("This delivery method cannot deliver this cart to this address.")

# --- delivery methods ---------------------------------------------------------------------


@dataclass(frozen=True)
class ShippingMethodData:
    method: ShippingMethodModel
    price: Money
    active: bool


class ShippingMethod(graphene.ObjectType):
    name = graphene.String(required=True)
    description = graphene.JSONString(description="Description of the shipping method.")
    price = graphene.Field(
        MoneyType,
        required=True,
        description=(
            "What this method costs for this checkout (for an inactive method: the parcels it "
            "can carry)."
        ),
    )
    active = graphene.Boolean(
        required=True, description="Whether it can carry every parcel of this checkout there."
    )
    message = graphene.String(description="Why the method cannot be used, when it cannot.")
    minimum_delivery_days = graphene.Int()
    maximum_delivery_days = graphene.Int()
    supports_cold_chain = graphene.Boolean(
        required=True, description="Sunshine Market: carries fresh goods cold."
    )

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Shipping methods that can be used as means of shipping for a checkout."

    @staticmethod
    def resolve_id(root: ShippingMethodData, info: GraphQLResolveInfo) -> int:
        return root.method.pk

    @staticmethod
    def resolve_name(root: ShippingMethodData, info: GraphQLResolveInfo) -> str:
        return root.method.name

    @staticmethod
    def resolve_description(root: ShippingMethodData, info: GraphQLResolveInfo) -> Any:
        return editorjs_document(root.method.description)

    @staticmethod
    def resolve_message(root: ShippingMethodData, info: GraphQLResolveInfo) -> str | None:
        return None if root.active else str(NOT_APPLICABLE_MESSAGE)

    @staticmethod
    def resolve_supports_cold_chain(root: ShippingMethodData, info: GraphQLResolveInfo) -> bool:
        return root.method.supports_cold_chain


class DeliveryMethod(graphene.Union):
    class Meta:
        types = (ShippingMethod, Warehouse)
        description = (
            "Represents a delivery method chosen for the checkout: a shipping method to the "
            "door, or a collection point (a pickup point)."
        )

    @classmethod
    def resolve_type(cls, instance: Any, info: GraphQLResolveInfo) -> Any:
        return Warehouse if isinstance(instance, CollectionPointData) else ShippingMethod


def collection_points(priced: PricedCheckout) -> list[CollectionPointData]:
    """Pickup points near the address that can take every parcel, with courier and price."""
    return [
        CollectionPointData(option.point, option.courier.name, option.totals.shipping)
        for option in collection_point_options(priced.info)
    ]


def method_options(priced: PricedCheckout, methods: list[ShippingMethodModel]) -> list[Any]:
    """Each active method to the door, priced for this checkout by the pricing service, and
    whether it can carry every parcel there (every method is offered until the address is
    known)."""
    info = priced.info
    known = info.has_destination
    options = []
    for method in methods:
        totals = calculate_checkout_totals(replace(info, delivery_method=method, pickup_point=None))
        usable = not known or all(parcel.block is None for parcel in totals.parcels)
        options.append(ShippingMethodData(method, totals.shipping, usable))
    return options
