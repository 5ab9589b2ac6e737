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
from graphene import relay
from graphql import GraphQLResolveInfo
from prices import Money

from backend.graphql.catalog.types.products import untaxed, weight_or_none
from backend.graphql.channel.types import Channel
from backend.graphql.core.address import Address, AddressData
from backend.graphql.core.auth import current_user
from backend.graphql.core.connection import CountableConnection
from backend.graphql.core.types import Money as MoneyType
from backend.graphql.core.types import ObjectWithMetadata, TaxedMoney, Weight
from backend.graphql.delivery.dataloaders import (
    DeliveryUpdatesByOrderIdLoader,
    DeliveryUpdatesBySubOrderIdLoader,
)
from backend.graphql.delivery.types import DeliveryUpdate
from backend.graphql.order import privacy
from backend.graphql.order.dataloaders import ChannelByIdLoader
from backend.graphql.order.enums import OrderStatusEnum
from backend.graphql.order.types.lines import (
    Fulfillment,
    OrderLine,
    OrderLineData,
    fulfillments_of,
    line_data,
    money_of,
    sub_orders_of,
)
from backend.graphql.payment.enums import PaymentChargeStatusEnum
from backend.graphql.producers.dataloaders import ProducerByIdLoader
from backend.graphql.producers.types import Producer
from backend.orders.models import Order as OrderModel
from backend.orders.models import OrderStatus as Status
from backend.orders.models import PaymentStatus
from backend.orders.models import SubOrder as SubOrderModel

PAID = frozenset(
    {PaymentStatus.FULLY_CHARGED, PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.FULLY_REFUNDED}
)


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
    delivery_updates = graphene.NonNull(
        graphene.List(graphene.NonNull(DeliveryUpdate)),
        description="The parcel's status updates, oldest first.",
    )
    delivered_at = graphene.DateTime(
        description="When the buyer received or collected it (null: not yet delivered)."
    )

    class Meta:
        interfaces = (relay.Node,)
        description = "Sunshine Market: the part of an order one producer ships and is paid for."

    @staticmethod
    def resolve_delivery_updates(root: SubOrderData, info: GraphQLResolveInfo) -> Any:
        return DeliveryUpdatesBySubOrderIdLoader(info.context).load(root.sub_order.pk)

    @staticmethod
    def resolve_delivered_at(root: SubOrderData, info: GraphQLResolveInfo) -> datetime | None:
        return root.sub_order.delivered_at

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
        return money_of(root.sub_order.subtotal_amount, root.sub_order.currency)

    @staticmethod
    def resolve_shipping_price(root: SubOrderData, info: GraphQLResolveInfo) -> Money:
        return money_of(root.sub_order.shipping_amount, root.sub_order.currency)

    @staticmethod
    def resolve_total(root: SubOrderData, info: GraphQLResolveInfo) -> Money:
        return money_of(root.sub_order.total_amount, root.sub_order.currency)

    @staticmethod
    def resolve_weight(root: SubOrderData, info: GraphQLResolveInfo) -> Any:
        return weight_or_none(root.sub_order.weight_grams)

    @staticmethod
    def resolve_needs_cold_chain(root: SubOrderData, info: GraphQLResolveInfo) -> bool:
        return root.sub_order.needs_cold_chain

    @staticmethod
    def resolve_fulfillments(root: SubOrderData, info: GraphQLResolveInfo) -> Any:
        return fulfillments_of(info, [root.sub_order.pk], root.lines)


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
    collection_point_name = graphene.String(
        description="The pickup point the parcels go to, as it was named when ordered."
    )
    delivery_updates = graphene.NonNull(
        graphene.List(graphene.NonNull(DeliveryUpdate)),
        description="Sunshine Market: every parcel's status updates, oldest first.",
    )
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
    def resolve_collection_point_name(root: OrderModel, info: GraphQLResolveInfo) -> str | None:
        return root.pickup_point_name or None

    @staticmethod
    def resolve_delivery_updates(root: OrderModel, info: GraphQLResolveInfo) -> Any:
        return DeliveryUpdatesByOrderIdLoader(info.context).load(root.pk)

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
        return line_data(root)

    @staticmethod
    def resolve_sub_orders(root: OrderModel, info: GraphQLResolveInfo) -> list[SubOrderData]:
        lines = line_data(root)
        return [
            SubOrderData(sub_order, [d for d in lines if d.line.sub_order_id == sub_order.pk])
            for sub_order in sub_orders_of(root)
        ]

    @staticmethod
    def resolve_fulfillments(root: OrderModel, info: GraphQLResolveInfo) -> Any:
        sub_order_ids = [sub_order.pk for sub_order in sub_orders_of(root)]
        return fulfillments_of(info, sub_order_ids, line_data(root))

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
        return untaxed(money_of(root.subtotal_amount, root.currency))

    @staticmethod
    def resolve_shipping_price(root: OrderModel, info: GraphQLResolveInfo) -> Any:
        return untaxed(money_of(root.shipping_amount, root.currency))

    @staticmethod
    def resolve_total(root: OrderModel, info: GraphQLResolveInfo) -> Any:
        return untaxed(money_of(root.total_amount, root.currency))

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
