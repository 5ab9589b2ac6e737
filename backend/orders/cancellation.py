"""Cancel an unpaid order (by an operator or the buyer, or when its payment window lapses):
every sub-order is cancelled, allocated stock is released and the pending payment cancelled.
A paid order is refunded instead (`payments.refunds`)."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.orders.errors import OrderError, OrderErrorCode
from backend.orders.events import record_event
from backend.orders.models import Order, OrderEventType, OrderStatus, PaymentStatus
from backend.orders.status import change_sub_order_status, check_transition, refresh_order_status
from backend.payments.models import Payment, PaymentState, PaymentTransaction, TransactionKind
from backend.payments.tasks import cancel_gateway_payment
from backend.warehouse import locks
from backend.warehouse.allocation import deallocate_stock


def _cancel_locked(order: Order, *, actor: User | None, event_type: OrderEventType) -> None:
    if order.payment_status != PaymentStatus.NOT_CHARGED:
        raise OrderError(OrderErrorCode.ORDER_IS_PAID, "a paid order is refunded, not cancelled")
    all_sub_orders = locks.lock_sub_orders(order.pk)
    sub_orders = [s for s in all_sub_orders if s.status != OrderStatus.CANCELLED]
    for sub_order in sub_orders:
        check_transition(sub_order, OrderStatus.CANCELLED)
    lines = locks.lock_order_lines(s.pk for s in sub_orders)
    released = deallocate_stock([line.pk for line in lines])
    for sub_order in sub_orders:
        change_sub_order_status(sub_order, OrderStatus.CANCELLED, order=order, actor=actor)
    refresh_order_status(order, all_sub_orders)
    for payment in locks.lock_payments(order.pk):
        if payment.state == PaymentState.PENDING:
            payment.state = PaymentState.CANCELLED
            payment.save(update_fields=["state", "updated_at"])
            PaymentTransaction.objects.create(
                payment=payment,
                kind=TransactionKind.CANCEL,
                currency=payment.currency,
                actor=actor if actor is not None and actor.pk else None,
            )
            if payment.psp_reference:  # the provider is told after commit, never under locks
                transaction.on_commit(partial(cancel_gateway_payment.delay, payment.pk))
    record_event(order, event_type, actor=actor, released_units=released)


def cancel_order(order: Order, *, actor: User | None) -> Order:
    """Cancel an unpaid order; raises `OrderError` order_is_paid or `IllegalStatusTransition`."""
    with transaction.atomic(durable=True):
        locked = locks.lock_order(order.pk)
        _cancel_locked(locked, actor=actor, event_type=OrderEventType.CANCELLED)
    return locked


def expire_unpaid_orders(*, now: datetime | None = None) -> list[int]:
    """Cancel each unconfirmed order whose pending payment expired; returns their ids.

    One short transaction per order; an order paid or shipped meanwhile is left alone.
    """
    now = now or timezone.now()
    order_ids = sorted(
        set(
            Payment.objects.filter(
                state=PaymentState.PENDING,
                expires_at__lte=now,
                order__status=OrderStatus.UNCONFIRMED,
            ).values_list("order_id", flat=True)
        )
    )
    expired = []
    for order_id in order_ids:
        try:
            with transaction.atomic(durable=True):
                order = locks.lock_order(order_id)
                still_due = Payment.objects.filter(
                    order_id=order_id, state=PaymentState.PENDING, expires_at__lte=now
                ).exists()
                if not still_due or order.status != OrderStatus.UNCONFIRMED:
                    continue
                _cancel_locked(order, actor=None, event_type=OrderEventType.EXPIRED)
        except OrderError:  # rolled back: paid or moved on meanwhile
            continue
        expired.append(order_id)
    return expired
