"""A producer ships its sub-order (whole or in parcels) with carrier and tracking number; the
buyer (or an operator) marks it received."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone

from backend.accounts.models import User
from backend.orders.errors import OrderError, OrderErrorCode
from backend.orders.events import record_event
from backend.orders.models import (
    Fulfillment,
    FulfillmentLine,
    Order,
    OrderEventType,
    OrderLine,
    OrderStatus,
    SubOrder,
)
from backend.orders.status import change_sub_order_status, check_transition, refresh_order_status
from backend.warehouse import locks
from backend.warehouse.allocation import decrease_stock
from backend.warehouse.availability import StockRequest


def _quantities_to_ship(
    lines: list[OrderLine], requested: Mapping[int, int] | None
) -> dict[int, int]:
    if requested is None:
        return {line.pk: line.quantity_unfulfilled for line in lines if line.quantity_unfulfilled}
    by_id = {line.pk: line for line in lines}
    bad = [
        line_id
        for line_id, quantity in requested.items()
        if line_id not in by_id or not 0 < quantity <= by_id[line_id].quantity_unfulfilled
    ]
    if bad or not requested:
        raise OrderError(
            OrderErrorCode.INVALID_QUANTITY,
            f"cannot ship these quantities of lines {bad}",
            field="lines",
        )
    return dict(requested)


def _find(sub_orders: list[SubOrder], sub_order_id: int) -> SubOrder:
    for sub_order in sub_orders:
        if sub_order.pk == sub_order_id:
            return sub_order
    raise OrderError(OrderErrorCode.NOT_FOUND, "no such sub-order", field="sub_order")


def fulfil_sub_order(
    sub_order: SubOrder,
    *,
    actor: User | None,
    carrier: str,
    tracking_number: str = "",
    quantities: Mapping[int, int] | None = None,
) -> Fulfillment:
    """Ship `quantities` (order line id → units; all that is left when None) in one parcel."""
    with transaction.atomic(durable=True):
        order = locks.lock_order(sub_order.order_id)
        sub_orders = locks.lock_sub_orders(order.pk)
        locked = _find(sub_orders, sub_order.pk)
        lines = locks.lock_order_lines([locked.pk])
        to_ship = _quantities_to_ship(lines, quantities)
        if not to_ship:
            raise OrderError(OrderErrorCode.INVALID_QUANTITY, "nothing left to ship", field="lines")
        complete = all(line.quantity_unfulfilled == to_ship.get(line.pk, 0) for line in lines)
        new_status = OrderStatus.FULFILLED if complete else OrderStatus.PARTIALLY_FULFILLED
        check_transition(locked, new_status)
        decrease_stock(
            [
                StockRequest(line_id=line.pk, variant_id=line.variant.pk, quantity=to_ship[line.pk])
                for line in lines
                if line.pk in to_ship and line.variant is not None and line.variant.track_inventory
            ]
        )
        OrderLine.objects.filter(pk__in=sorted(to_ship)).update(
            quantity_fulfilled=F("quantity_fulfilled")
            + Case(
                *[When(pk=pk, then=Value(q)) for pk, q in to_ship.items()],
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        fulfillment = Fulfillment.objects.create(
            sub_order=locked, carrier=carrier.strip(), tracking_number=tracking_number.strip()
        )
        FulfillmentLine.objects.bulk_create(
            [
                FulfillmentLine(fulfillment=fulfillment, order_line_id=pk, quantity=q)
                for pk, q in sorted(to_ship.items())
            ]
        )
        change_sub_order_status(locked, new_status, order=order, actor=actor)
        refresh_order_status(order, sub_orders)
        record_event(
            order,
            OrderEventType.FULFILLED,
            actor=actor,
            sub_order=locked,
            fulfillment=fulfillment.pk,
            carrier=fulfillment.carrier,
            tracking_number=fulfillment.tracking_number,
            lines={str(pk): q for pk, q in sorted(to_ship.items())},
        )
    return fulfillment


def complete_sub_order(sub_order: SubOrder, *, actor: User | None) -> SubOrder:
    """The buyer received the sub-order (fulfilled → completed); it counts as delivered."""
    with transaction.atomic(durable=True):
        order = locks.lock_order(sub_order.order_id)
        sub_orders = locks.lock_sub_orders(order.pk)
        locked = _find(sub_orders, sub_order.pk)
        mark_received(locked, order=order, sub_orders=sub_orders, actor=actor)
    return locked


def mark_received(
    sub_order: SubOrder, *, order: Order, sub_orders: list[SubOrder], actor: User | None
) -> None:
    """Inside a transaction, with the order and its sub-orders locked: completed and delivered
    (`delivered_at` is set once, the first time)."""
    change_sub_order_status(sub_order, OrderStatus.COMPLETED, order=order, actor=actor)
    if sub_order.delivered_at is None:
        sub_order.delivered_at = timezone.now()
        sub_order.save(update_fields=["delivered_at", "updated_at"])
    refresh_order_status(order, sub_orders)
