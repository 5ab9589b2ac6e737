"""The sub-order status machine, and the order's status as a summary of its sub-orders'.

    unconfirmed → unfulfilled → partially fulfilled (again, per parcel) → fulfilled → completed
    unconfirmed, unfulfilled → cancelled (before anything ships)
    unfulfilled, partially fulfilled, fulfilled, completed, partially refunded → refunded
    fulfilled, completed, partially refunded → partially refunded

A partial refund before everything has shipped keeps the fulfilment status (the refunded
amount is recorded on the sub-order); after delivery it marks the sub-order partially refunded.
Cancelled and refunded are final.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from backend.accounts.models import User
from backend.orders.errors import IllegalStatusTransition
from backend.orders.events import status_changed_event
from backend.orders.models import Order, OrderStatus, SubOrder

S = OrderStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    S.UNCONFIRMED: frozenset({S.UNFULFILLED, S.CANCELLED}),
    S.UNFULFILLED: frozenset({S.PARTIALLY_FULFILLED, S.FULFILLED, S.CANCELLED, S.REFUNDED}),
    S.PARTIALLY_FULFILLED: frozenset({S.PARTIALLY_FULFILLED, S.FULFILLED, S.REFUNDED}),
    S.FULFILLED: frozenset({S.COMPLETED, S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.COMPLETED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.PARTIALLY_REFUNDED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.CANCELLED: frozenset(),
    S.REFUNDED: frozenset(),
}


def can_transition(current: str, requested: str) -> bool:
    return requested in TRANSITIONS[current]


def check_transition(sub_order: SubOrder, requested: str) -> None:
    """Raise `IllegalStatusTransition` unless the sub-order may move to `requested`."""
    if not can_transition(sub_order.status, requested):
        raise IllegalStatusTransition(
            sub_order_id=sub_order.pk, current=sub_order.status, requested=requested
        )


def summarise_status(statuses: Iterable[str]) -> OrderStatus:
    """The order's status from its sub-orders' statuses.

    Cancelled sub-orders are ignored unless all are cancelled; one status shared by the rest is
    the order's; otherwise any refund makes it partially refunded, shipped and unshipped parts
    make it partially fulfilled, and any unconfirmed part keeps it unconfirmed.
    """
    all_statuses = [OrderStatus(s) for s in statuses]
    active = {s for s in all_statuses if s != S.CANCELLED}
    if not active:
        return S.CANCELLED
    if len(active) == 1:
        return next(iter(active))
    if active & {S.REFUNDED, S.PARTIALLY_REFUNDED}:
        return S.PARTIALLY_REFUNDED
    if active <= {S.FULFILLED, S.COMPLETED}:
        return S.FULFILLED
    if active & {S.PARTIALLY_FULFILLED, S.FULFILLED, S.COMPLETED}:
        return S.PARTIALLY_FULFILLED
    if S.UNCONFIRMED in active:
        return S.UNCONFIRMED
    return S.UNFULFILLED


def change_sub_order_status(
    sub_order: SubOrder, new_status: str, *, order: Order, actor: User | None, **data: Any
) -> None:
    """Move a (locked) sub-order to `new_status` and write the event; raises
    `IllegalStatusTransition` when the move is not allowed."""
    check_transition(sub_order, new_status)
    old = sub_order.status
    if old == new_status:
        return
    sub_order.status = new_status
    sub_order.save(update_fields=["status", "updated_at"])
    status_changed_event(sub_order, order=order, actor=actor, old=old, new=new_status, **data)


def refresh_order_status(order: Order, sub_orders: Iterable[SubOrder]) -> None:
    """Store the summary of the (locked) sub-orders on the (locked) order."""
    status = summarise_status(s.status for s in sub_orders)
    if order.status != status:
        order.status = status
        order.save(update_fields=["status", "updated_at"])
