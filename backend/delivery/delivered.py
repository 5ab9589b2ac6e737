"""What counts as delivered, for every app that needs it (reviews need a delivered line).

A sub-order (one producer's parcel(s) of an order) is delivered once `SubOrder.delivered_at` is
set. It is set once and never cleared, by
- `backend.orders.fulfilment.complete_sub_order` (the buyer or an operator: received), or
- a `collected` / `delivered` status update (`backend.delivery.tracking.record_delivery_update`).
A refund afterwards changes the status, not the fact of delivery. An order line is delivered when
its sub-order is.
"""

from __future__ import annotations

from django.db.models import QuerySet

from backend.orders.models import OrderLine, SubOrder


def is_delivered(sub_order: SubOrder) -> bool:
    return sub_order.delivered_at is not None


def delivered_sub_orders(queryset: QuerySet[SubOrder] | None = None) -> QuerySet[SubOrder]:
    base = SubOrder.objects.all() if queryset is None else queryset
    return base.filter(delivered_at__isnull=False)


def delivered_order_lines(queryset: QuerySet[OrderLine] | None = None) -> QuerySet[OrderLine]:
    base = OrderLine.objects.all() if queryset is None else queryset
    return base.filter(sub_order__delivered_at__isnull=False)
