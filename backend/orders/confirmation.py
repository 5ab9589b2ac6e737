"""Confirming an order makes its sub-orders ready to ship (unconfirmed → unfulfilled).

Paying confirms the order (`payments.offline.confirm_offline_payment`); an operator may also
confirm a cash-on-delivery order before it is paid.
"""

from __future__ import annotations

from django.db import transaction

from backend.accounts.models import User
from backend.orders.events import record_event
from backend.orders.models import Order, OrderEventType, OrderStatus, SubOrder
from backend.orders.status import change_sub_order_status, check_transition, refresh_order_status
from backend.warehouse import locks


def confirm_sub_orders(order: Order, sub_orders: list[SubOrder], *, actor: User | None) -> int:
    """Move the (locked) unconfirmed sub-orders to unfulfilled; returns how many moved."""
    moved = 0
    for sub_order in sub_orders:
        if sub_order.status == OrderStatus.UNCONFIRMED:
            change_sub_order_status(sub_order, OrderStatus.UNFULFILLED, order=order, actor=actor)
            moved += 1
    if moved:
        refresh_order_status(order, sub_orders)
        record_event(order, OrderEventType.CONFIRMED, actor=actor)
    return moved


def confirm_order(order: Order, *, actor: User | None) -> Order:
    """An operator confirms an unconfirmed order; raises `IllegalStatusTransition` otherwise."""
    with transaction.atomic(durable=True):
        locked = locks.lock_order(order.pk)
        sub_orders = locks.lock_sub_orders(locked.pk)
        active = [s for s in sub_orders if s.status != OrderStatus.CANCELLED]
        for sub_order in active or sub_orders:
            check_transition(sub_order, OrderStatus.UNFULFILLED)
        confirm_sub_orders(locked, sub_orders, actor=actor)
    return locked
