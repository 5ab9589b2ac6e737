"""Order, its lines, sub-orders (one per producer) and shipments, in Saleor 3's shapes.

An order's global ID is made of its token (as Saleor's Order ID is a UUID), so IDs cannot be
enumerated. Lines and sub-orders come from the customer's order list prefetch (or one query
for a single order); variants, producers, channels and shipments through loaders. Personal
data is masked unless the viewer is the order's customer (see privacy.py).
"""

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
from backend.graphql.catalog.types.products import untaxed, weight_or_none
from backend.graphql.catalog.types.variants import ProductVariant
from backend.graphql.channel.types import Channel
from backend.graphql.core.address import Address, AddressData
from backend.graphql.core.auth import current_user
from backend.graphql.core.connection import CountableConnection
from backend.graphql.core.context import ChannelContext
from backend.graphql.core.dataloaders import gather, then
from backend.graphql.core.ids import to_global_id
from backend.graphql.core.types import Money as MoneyType
from backend.graphql.core.types import ObjectWithMetadata, TaxedMoney, Weight
from backend.graphql.order import privacy
from backend.graphql.order.dataloaders import ChannelByIdLoader, FulfillmentsBySubOrderIdLoader
from backend.graphql.order.enums import FulfillmentStatus, FulfillmentStatusEnum, OrderStatusEnum
from backend.graphql.payment.enums import PaymentChargeStatusEnum
from backend.graphql.producers.dataloaders import ProducerByIdLoader
from backend.graphql.producers.types import Producer
from backend.orders.models import Fulfillment as FulfillmentModel
from backend.orders.models import Order as OrderModel
from backend.orders.models import OrderLine as OrderLineModel
from backend.orders.models import OrderStatus as Status
from backend.orders.models import PaymentStatus
from backend.orders.models import SubOrder as SubOrderModel

PAID = frozenset(
    {PaymentStatus.FULLY_CHARGED, PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.FULLY_REFUNDED}
)


def _money(amount: Any, currency: str) -> Money:
    return money(amount, currency)


@dataclass(frozen=True)
class OrderLineData:
    line: OrderLineModel
    channel_id: int


def _prefetched(order: OrderModel, relation: str) -> None:
    """Read a relation once per order object: the customer's order list prefetches it, and an
    order from `checkoutComplete` or `orderByToken` reads it here (one query for all fields)."""
    if relation not in getattr(order, "_prefetched_objects_cache", {}):
        prefetch_related_objects([order], relation)


def _line_data(order: OrderModel) -> list[OrderLineData]:
    _prefetched(order, "lines")
    return [OrderLineData(line, order.channel_id) for line in order.lines.all()]


def _sub_orders(order: OrderModel) -> list[SubOrderModel]:
    _prefetched(order, "sub_orders")
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
        return untaxed(_money(root.line.unit_price_amount, root.line.currency))

    @staticmethod
    def resolve_undiscounted_unit_price(root: OrderLineData, info: GraphQLResolveInfo) -> Any:
        return OrderLine.resolve_unit_price(root, info)

    @staticmethod
    def resolve_total_price(root: OrderLineData, info: GraphQLResolveInfo) -> Any:
        return untaxed(_money(root.line.total_price_amount, root.line.currency))

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


def _fulfillments(
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


@dataclass(frozen=True)
class SubOrderData:
    sub_order: SubOrderModel
    lines: list[OrderLineData]


class SubOrder(graphene.ObjectType):
    producer = graphene.Field(Producer, description="The producer who ships this part.")
    status = graphene.Field(OrderStatusEnum, required=True)
    lines = graphene.NonNull(graphene.List(graphene.NonNull(OrderLine)))
    subtotal = graphene.Field(MoneyType, required=True)
    shipping_price = graphene.Field(MoneyType, required=True)
    total = graphene.Field(MoneyType, required=True)
    weight = graphene.Field(Weight, required=True)
    needs_cold_chain = graphene.Boolean(required=True)
    fulfillments = graphene.NonNull(graphene.List(graphene.NonNull(Fulfillment)))

    class Meta:
        interfaces = (relay.Node,)
        description = "Sunshine Market: the part of an order one producer ships and is paid for."

    @staticmethod
    def resolve_id(root: SubOrderData, info: GraphQLResolveInfo) -> int:
        return root.sub_order.pk

    @staticmethod
    def resolve_producer(root: SubOrderData, info: GraphQLResolveInfo) -> Any:
        return ProducerByIdLoader(info.context).load(root.sub_order.producer_id)

    @staticmethod
    def resolve_status(root: SubOrderData, info: GraphQLResolveInfo) -> str:
        return str(Status(root.sub_order.status).value)

    @staticmethod
    def resolve_lines(root: SubOrderData, info: GraphQLResolveInfo) -> list[OrderLineData]:
        return root.lines

    @staticmethod
    def resolve_subtotal(root: SubOrderData, info: GraphQLResolveInfo) -> Money:
        return _money(root.sub_order.subtotal_amount, root.sub_order.currency)

    @staticmethod
    def resolve_shipping_price(root: SubOrderData, info: GraphQLResolveInfo) -> Money:
        return _money(root.sub_order.shipping_amount, root.sub_order.currency)

    @staticmethod
    def resolve_total(root: SubOrderData, info: GraphQLResolveInfo) -> Money:
        return _money(root.sub_order.total_amount, root.sub_order.currency)

    @staticmethod
    def resolve_weight(root: SubOrderData, info: GraphQLResolveInfo) -> Any:
        return weight_or_none(root.sub_order.weight_grams)

    @staticmethod
    def resolve_needs_cold_chain(root: SubOrderData, info: GraphQLResolveInfo) -> bool:
        return root.sub_order.needs_cold_chain

    @staticmethod
    def resolve_fulfillments(root: SubOrderData, info: GraphQLResolveInfo) -> Any:
        return _fulfillments(info, [root.sub_order.pk], root.lines)


def order_address(order: OrderModel, *, masked: bool) -> AddressData:
    return AddressData(
        key=f"order:{order.token}",
        recipient_name=privacy.mask_name(order.recipient_name) if masked else order.recipient_name,
        phone=privacy.mask_phone(order.mobile) if masked else order.mobile,
        province=order.province_name,
        city=order.city_name,
        county=order.county_name,
        street=privacy.mask_street(order.address_detail) if masked else order.address_detail,
        region_code=order.region_code,
    )


class Order(graphene.ObjectType):
    number = graphene.String(required=True, description="User-friendly number of an order.")
    token = graphene.String(required=True, deprecation_reason="Use `id` instead.")
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    status = graphene.Field(OrderStatusEnum, required=True)
    status_display = graphene.String(required=True)
    user = graphene.Field("backend.graphql.account.types.User")
    user_email = graphene.String(description="Email address of the customer.")
    channel = graphene.Field(Channel, required=True)
    shipping_address = graphene.Field(Address)
    billing_address = graphene.Field(Address)
    shipping_method_name = graphene.String()
    lines = graphene.NonNull(graphene.List(graphene.NonNull(OrderLine)))
    sub_orders = graphene.NonNull(
        graphene.List(graphene.NonNull(SubOrder)),
        description="Sunshine Market: the order split per producer.",
    )
    fulfillments = graphene.NonNull(graphene.List(graphene.NonNull(Fulfillment)))
    is_paid = graphene.Boolean(required=True)
    payment_status = graphene.Field(PaymentChargeStatusEnum, required=True)
    payment_status_display = graphene.String(required=True)
    subtotal = graphene.Field(TaxedMoney, required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    total = graphene.Field(TaxedMoney, required=True)
    undiscounted_total = graphene.Field(TaxedMoney, required=True)
    is_shipping_required = graphene.Boolean(required=True)

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Represents an order in the shop."

    @staticmethod
    def resolve_id(root: OrderModel, info: GraphQLResolveInfo) -> str:
        return str(root.token)

    @staticmethod
    def resolve_number(root: OrderModel, info: GraphQLResolveInfo) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_token(root: OrderModel, info: GraphQLResolveInfo) -> str:
        return str(root.token)

    @staticmethod
    def resolve_created(root: OrderModel, info: GraphQLResolveInfo) -> datetime:
        return root.created_at

    @staticmethod
    def resolve_status(root: OrderModel, info: GraphQLResolveInfo) -> str:
        return str(Status(root.status).value)

    @staticmethod
    def resolve_status_display(root: OrderModel, info: GraphQLResolveInfo) -> str:
        return str(Status(root.status).label)

    @staticmethod
    def resolve_user(root: OrderModel, info: GraphQLResolveInfo) -> Any:
        return current_user(info) if privacy.is_customer(info, root) else None

    @staticmethod
    def resolve_user_email(root: OrderModel, info: GraphQLResolveInfo) -> str | None:
        if not root.email:
            return None
        return root.email if privacy.is_customer(info, root) else privacy.mask_email(root.email)

    @staticmethod
    def resolve_channel(root: OrderModel, info: GraphQLResolveInfo) -> Any:
        return ChannelByIdLoader(info.context).load(root.channel_id)

    @staticmethod
    def resolve_shipping_address(root: OrderModel, info: GraphQLResolveInfo) -> AddressData:
        return order_address(root, masked=not privacy.is_customer(info, root))

    @staticmethod
    def resolve_billing_address(root: OrderModel, info: GraphQLResolveInfo) -> None:
        return None

    @staticmethod
    def resolve_lines(root: OrderModel, info: GraphQLResolveInfo) -> list[OrderLineData]:
        return _line_data(root)

    @staticmethod
    def resolve_sub_orders(root: OrderModel, info: GraphQLResolveInfo) -> list[SubOrderData]:
        lines = _line_data(root)
        return [
            SubOrderData(sub_order, [d for d in lines if d.line.sub_order_id == sub_order.pk])
            for sub_order in _sub_orders(root)
        ]

    @staticmethod
    def resolve_fulfillments(root: OrderModel, info: GraphQLResolveInfo) -> Any:
        sub_order_ids = [sub_order.pk for sub_order in _sub_orders(root)]
        return _fulfillments(info, sub_order_ids, _line_data(root))

    @staticmethod
    def resolve_is_paid(root: OrderModel, info: GraphQLResolveInfo) -> bool:
        return root.payment_status in PAID

    @staticmethod
    def resolve_payment_status(root: OrderModel, info: GraphQLResolveInfo) -> str:
        return str(PaymentStatus(root.payment_status).value)

    @staticmethod
    def resolve_payment_status_display(root: OrderModel, info: GraphQLResolveInfo) -> str:
        return str(PaymentStatus(root.payment_status).label)

    @staticmethod
    def resolve_subtotal(root: OrderModel, info: GraphQLResolveInfo) -> Any:
        return untaxed(_money(root.subtotal_amount, root.currency))

    @staticmethod
    def resolve_shipping_price(root: OrderModel, info: GraphQLResolveInfo) -> Any:
        return untaxed(_money(root.shipping_amount, root.currency))

    @staticmethod
    def resolve_total(root: OrderModel, info: GraphQLResolveInfo) -> Any:
        return untaxed(_money(root.total_amount, root.currency))

    @staticmethod
    def resolve_undiscounted_total(root: OrderModel, info: GraphQLResolveInfo) -> Any:
        return Order.resolve_total(root, info)

    @staticmethod
    def resolve_is_shipping_required(root: OrderModel, info: GraphQLResolveInfo) -> bool:
        return True


class OrderCountableConnection(CountableConnection):
    class Meta:
        node = Order
        strict_types = True
