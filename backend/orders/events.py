"""Order history writers, called by services inside their transaction (never by signals)."""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.orders.models import Order, OrderEvent, OrderEventType, SubOrder


def record_event(
    order: Order,
    event_type: OrderEventType,
    *,
    actor: User | None,
    sub_order: SubOrder | None = None,
    **data: Any,
) -> OrderEvent:
    return OrderEvent.objects.create(
        order=order,
        sub_order=sub_order,
        type=event_type,
        user=actor if actor is not None and actor.pk else None,
        data=data,
    )


def order_placed_event(
    order: Order, *, actor: User | None, gateway: str, sub_orders: list[SubOrder]
) -> OrderEvent:
    return record_event(
        order,
        OrderEventType.PLACED,
        actor=actor,
        gateway=gateway,
        total=str(order.total_amount),
        currency=order.currency,
        sub_orders=[s.pk for s in sub_orders],
    )


def status_changed_event(
    sub_order: SubOrder, *, order: Order, actor: User | None, old: str, new: str, **data: Any
) -> OrderEvent:
    return record_event(
        order,
        OrderEventType.STATUS_CHANGED,
        actor=actor,
        sub_order=sub_order,
        old=old,
        new=new,
        **data,
    )
