"""`orderFulfill`: the caller's shop ships its part (sub-order) of a customer's order."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.graphql.core.mutations import BaseMutation, MutationErrors
from backend.graphql.order.enums import OrderError, OrderErrorCode
from backend.graphql.order.types.lines import Fulfillment, FulfillmentData, OrderLineData
from backend.graphql.seller.access import (
    check_own_warehouse,
    not_found,
    pk_from_id,
    sub_orders_for_fulfilling,
)
from backend.graphql.seller.errors import order_service_errors
from backend.graphql.seller.mutations.base import acting_user
from backend.orders.fulfilment import fulfil_sub_order
from backend.orders.models import OrderLine, SubOrder

CODE = OrderErrorCode.NOT_FOUND


class OrderFulfillStockInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="The number of line items to be fulfilled.")
    warehouse = graphene.ID(
        description=(
            "ID of the warehouse from which the item will be fulfilled. Sunshine Market: each "
            "shop has one warehouse; omit it for the shop's own."
        )
    )


class OrderFulfillLineInput(graphene.InputObjectType):
    order_line_id = graphene.ID(description="The ID of the order line.")
    stocks = graphene.List(
        graphene.NonNull(OrderFulfillStockInput),
        required=True,
        description="List of stock items to create.",
    )


class OrderFulfillInput(graphene.InputObjectType):
    lines = graphene.List(
        graphene.NonNull(OrderFulfillLineInput),
        required=True,
        description="List of items informing how to fulfill the order.",
    )
    notify_customer = graphene.Boolean(
        description="If true, send an email notification to the customer (not yet: the "
        "customer sees the parcel on the order page)."
    )
    tracking_number = graphene.String(description="Fulfillment tracking number.")
    carrier = graphene.String(
        required=True,
        description="Sunshine Market: the carrier, like 中国邮政 (the buyer sees it).",
    )


class OrderFulfill(BaseMutation):
    fulfillments = graphene.List(Fulfillment, description="List of created fulfillments.")

    class Arguments:
        order = graphene.ID(description="ID of the order to be fulfilled.")
        input = OrderFulfillInput(
            required=True, description="Fields required to create a fulfillment."
        )

    class Meta:
        description = (
            "Creates new fulfillments for an order. Sunshine Market: only the lines of the "
            "caller's shop (its sub-order) can be shipped; another shop's order is NOT_FOUND."
        )
        error_type_class = OrderError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        if not data.get("order"):
            raise MutationErrors.of(
                OrderErrorCode.REQUIRED, field="order", message=_("Say which order.")
            )
        sub_orders = sub_orders_for_fulfilling(user, data["order"], code=CODE)
        values = data["input"]
        sub_order, quantities = cls.clean_lines(sub_orders, values["lines"])
        carrier = " ".join((values.get("carrier") or "").split())
        if not carrier:
            raise MutationErrors.of(
                OrderErrorCode.REQUIRED,
                field="carrier",
                message=_("Enter the carrier, like 中国邮政"),
            )
        with order_service_errors():
            fulfillment = fulfil_sub_order(
                sub_order,
                actor=user,
                carrier=carrier,
                tracking_number=values.get("tracking_number") or "",
                quantities=quantities,
            )
        lines = {
            line.pk: OrderLineData(line, sub_order.order.channel_id)
            for line in OrderLine.objects.filter(sub_order_id=sub_order.pk)
        }
        number = sub_order.fulfillments.filter(pk__lte=fulfillment.pk).count()
        return cls(fulfillments=[FulfillmentData(fulfillment, number, lines)])

    @classmethod
    def clean_lines(
        cls, sub_orders: list[SubOrder], lines: list[Any]
    ) -> tuple[SubOrder, dict[int, int]]:
        """The sub-order the lines belong to, and units to ship per line id."""
        if not lines:
            raise MutationErrors.of(
                OrderErrorCode.REQUIRED, field="lines", message=_("Say which items you ship.")
            )
        quantities: dict[int, int] = defaultdict(int)
        for line in lines:
            if not line.get("order_line_id"):
                raise MutationErrors.of(
                    OrderErrorCode.REQUIRED,
                    field="orderLineId",
                    message=_("Say which items you ship."),
                )
            pk = pk_from_id(line["order_line_id"], "OrderLine", field="orderLineId", code=CODE)
            quantities[pk] += sum(int(stock["quantity"]) for stock in line["stocks"])
        owned = dict(
            OrderLine.objects.filter(
                pk__in=list(quantities), sub_order_id__in=[s.pk for s in sub_orders]
            ).values_list("pk", "sub_order_id")
        )
        if set(owned) != set(quantities):
            raise not_found(CODE, "OrderLine", "orderLineId")
        if len(set(owned.values())) != 1:
            raise MutationErrors.of(
                OrderErrorCode.INVALID,
                field="lines",
                message=_("Ship the items of one shop at a time."),
            )
        sub_order = next(s for s in sub_orders if s.pk in owned.values())
        for line in lines:
            for stock in line["stocks"]:
                check_own_warehouse(
                    sub_order.producer, stock.get("warehouse"), field="warehouse", code=CODE
                )
        return sub_order, {pk: q for pk, q in quantities.items() if q}
