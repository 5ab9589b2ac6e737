"""Order lines and shipments (Saleor's `OrderLine`, `Fulfillment`), and the helpers that read
an order's lines and sub-orders once per order object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import graphene
from django.db.models import prefetch_related_objects
from graphene import relay
from graphql import GraphQLResolveInfo
from prices import Money

from backend.core.money import money
from backend.graphql.catalog.dataloaders.variants import VariantByIdLoader
from backend.graphql.catalog.types.products import untaxed
from backend.graphql.catalog.types.variants import ProductVariant
from backend.graphql.core.context import ChannelContext
from backend.graphql.core.dataloaders import gather, then
from backend.graphql.core.ids import to_global_id
from backend.graphql.core.types import ObjectWithMetadata, TaxedMoney
from backend.graphql.order.dataloaders import ChannelByIdLoader, FulfillmentsBySubOrderIdLoader
from backend.graphql.order.enums import FulfillmentStatus, FulfillmentStatusEnum
from backend.graphql.producers.dataloaders import ProducerByIdLoader
from backend.graphql.producers.types import Producer
from backend.orders.models import Fulfillment as FulfillmentModel
from backend.orders.models import Order as OrderModel
from backend.orders.models import OrderLine as OrderLineModel
from backend.orders.models import SubOrder as SubOrderModel


def money_of(amount: Any, currency: str) -> Money:
    return money(amount, currency)


@dataclass(frozen=True)
class OrderLineData:
    line: OrderLineModel
    channel_id: int


def prefetched(order: OrderModel, relation: str) -> None:
    """Read a relation once per order object: the customer's order list prefetches it, and an
    order from `checkoutComplete` or `orderByToken` reads it here (one query for all fields)."""
    if relation not in getattr(order, "_prefetched_objects_cache", {}):
        prefetch_related_objects([order], relation)


def line_data(order: OrderModel) -> list[OrderLineData]:
    prefetched(order, "lines")
    return [OrderLineData(line, order.channel_id) for line in order.lines.all()]


def sub_orders_of(order: OrderModel) -> list[SubOrderModel]:
    prefetched(order, "sub_orders")
    return list(order.sub_orders.all())


class OrderLine(graphene.ObjectType):
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    product_sku = graphene.String()
    product_variant_id = graphene.String()
    is_shipping_required = graphene.Boolean(required=True)
    quantity = graphene.Int(required=True)
    quantity_fulfilled = graphene.Int(required=True)
    quantity_to_fulfill = graphene.Int(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True, description="Price of the single item.")
    undiscounted_unit_price = graphene.Field(TaxedMoney, required=True)
    total_price = graphene.Field(TaxedMoney, required=True, description="Price of the order line.")
    undiscounted_total_price = graphene.Field(TaxedMoney, required=True)
    variant = graphene.Field(
        ProductVariant, description="The variant, while it still exists in the catalogue."
    )
    producer = graphene.Field(Producer, description="Sunshine Market: who sold this line.")
    is_fresh = graphene.Boolean(required=True, description="Sunshine Market: shipped cold.")

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Represents order line of particular order."

    @staticmethod
    def resolve_id(root: OrderLineData, info: GraphQLResolveInfo) -> int:
        return root.line.pk

    @staticmethod
    def resolve_product_name(root: OrderLineData, info: GraphQLResolveInfo) -> str:
        return root.line.product_name

    @staticmethod
    def resolve_variant_name(root: OrderLineData, info: GraphQLResolveInfo) -> str:
        return root.line.variant_name

    @staticmethod
    def resolve_product_sku(root: OrderLineData, info: GraphQLResolveInfo) -> str | None:
        return root.line.product_sku or None

    @staticmethod
    def resolve_product_variant_id(root: OrderLineData, info: GraphQLResolveInfo) -> Any:
        variant_id = root.line.variant_id
        return to_global_id("ProductVariant", variant_id) if variant_id else None

    @staticmethod
    def resolve_is_shipping_required(root: OrderLineData, info: GraphQLResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_quantity(root: OrderLineData, info: GraphQLResolveInfo) -> int:
        return root.line.quantity

    @staticmethod
    def resolve_quantity_fulfilled(root: OrderLineData, info: GraphQLResolveInfo) -> int:
        return root.line.quantity_fulfilled

    @staticmethod
    def resolve_quantity_to_fulfill(root: OrderLineData, info: GraphQLResolveInfo) -> int:
        return root.line.quantity_unfulfilled

    @staticmethod
    def resolve_unit_price(root: OrderLineData, info: GraphQLResolveInfo) -> Any:
        return untaxed(money_of(root.line.unit_price_amount, root.line.currency))

    @staticmethod
    def resolve_undiscounted_unit_price(root: OrderLineData, info: GraphQLResolveInfo) -> Any:
        return OrderLine.resolve_unit_price(root, info)

    @staticmethod
    def resolve_total_price(root: OrderLineData, info: GraphQLResolveInfo) -> Any:
        return untaxed(money_of(root.line.total_price_amount, root.line.currency))

    @staticmethod
    def resolve_undiscounted_total_price(root: OrderLineData, info: GraphQLResolveInfo) -> Any:
        return OrderLine.resolve_total_price(root, info)

    @staticmethod
    def resolve_variant(root: OrderLineData, info: GraphQLResolveInfo) -> Any:
        if root.line.variant_id is None:
            return None
        variant = VariantByIdLoader(info.context).load(root.line.variant_id)
        channel = ChannelByIdLoader(info.context).load(root.channel_id)

        def wrap(found: list[Any]) -> Any:
            found_variant, found_channel = found
            if found_variant is None or found_channel is None:
                return None
            return ChannelContext(found_variant, found_channel)

        return then(gather([variant, channel]), wrap)

    @staticmethod
    def resolve_producer(root: OrderLineData, info: GraphQLResolveInfo) -> Any:
        return ProducerByIdLoader(info.context).load(root.line.producer_id)

    @staticmethod
    def resolve_is_fresh(root: OrderLineData, info: GraphQLResolveInfo) -> bool:
        return root.line.is_fresh


class FulfillmentLine(graphene.ObjectType):
    quantity = graphene.Int(required=True)
    order_line = graphene.Field(OrderLine)

    class Meta:
        interfaces = (relay.Node,)
        description = "Represents line of the fulfillment."


@dataclass(frozen=True)
class FulfillmentData:
    fulfillment: FulfillmentModel
    number: int
    lines: dict[int, OrderLineData]


class Fulfillment(graphene.ObjectType):
    fulfillment_order = graphene.Int(required=True, description="Sequence number in its parcel.")
    status = graphene.Field(FulfillmentStatusEnum, required=True)
    tracking_number = graphene.String(required=True)
    carrier = graphene.String(required=True, description="Sunshine Market: the carrier.")
    created = graphene.DateTime(required=True)
    lines = graphene.List(graphene.NonNull(FulfillmentLine))

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Represents order fulfillment (one shipment with its tracking number)."

    @staticmethod
    def resolve_id(root: FulfillmentData, info: GraphQLResolveInfo) -> int:
        return root.fulfillment.pk

    @staticmethod
    def resolve_fulfillment_order(root: FulfillmentData, info: GraphQLResolveInfo) -> int:
        return root.number

    @staticmethod
    def resolve_status(root: FulfillmentData, info: GraphQLResolveInfo) -> str:
        return FulfillmentStatus.FULFILLED.value

    @staticmethod
    def resolve_tracking_number(root: FulfillmentData, info: GraphQLResolveInfo) -> str:
        return root.fulfillment.tracking_number

    @staticmethod
    def resolve_carrier(root: FulfillmentData, info: GraphQLResolveInfo) -> str:
        return root.fulfillment.carrier

    @staticmethod
    def resolve_created(root: FulfillmentData, info: GraphQLResolveInfo) -> datetime:
        return root.fulfillment.created_at

    @staticmethod
    def resolve_lines(root: FulfillmentData, info: GraphQLResolveInfo) -> list[Any]:
        return [
            FulfillmentLine(
                id=line.pk, quantity=line.quantity, order_line=root.lines.get(line.order_line_id)
            )
            for line in root.fulfillment.lines.all()
        ]


def fulfillments_of(
    info: GraphQLResolveInfo, sub_order_ids: list[int], lines: list[OrderLineData]
) -> Any:
    by_id = {data.line.pk: data for data in lines}
    loader = FulfillmentsBySubOrderIdLoader(info.context)

    def wrap(groups: list[list[FulfillmentModel]]) -> list[FulfillmentData]:
        return [
            FulfillmentData(fulfillment, number, by_id)
            for group in groups
            for number, fulfillment in enumerate(group, start=1)
        ]

    return then(loader.load_many(sub_order_ids), wrap)
