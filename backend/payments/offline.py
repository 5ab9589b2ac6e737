"""Offline payments (bank transfer, cash on delivery): an operator confirms the money arrived.

Confirming charges the payment, confirms the order's sub-orders (ready to ship) and writes one
ledger entry per paid sub-order, all in one transaction. Confirming twice changes nothing.
"""

from __future__ import annotations

from django.db import transaction

from backend.accounts.models import User
from backend.orders.models import Order
from backend.payments.capture import capture_payment_locked
from backend.payments.errors import PaymentError, PaymentErrorCode
from backend.payments.gateways import gateway_of
from backend.payments.models import Payment, PaymentState
from backend.warehouse import locks


def confirm_offline_payment(order: Order, *, actor: User | None) -> Payment:
    """Record that the order's offline payment was received; returns the payment."""
    with transaction.atomic(durable=True):
        locked = locks.lock_order(order.pk)
        sub_orders = locks.lock_sub_orders(locked.pk)
        payments = locks.lock_payments(locked.pk)
        if not payments:
            raise PaymentError(PaymentErrorCode.NOT_FOUND, "the order has no payment")
        payment = payments[-1]
        if not gateway_of(payment).is_offline:
            raise PaymentError(
                PaymentErrorCode.NOT_OFFLINE, "only offline payments are confirmed by hand"
            )
        if payment.state == PaymentState.CHARGED:
            return payment
        if payment.state != PaymentState.PENDING:
            raise PaymentError(
                PaymentErrorCode.INVALID_STATE, f"a {payment.state} payment cannot be confirmed"
            )
        capture_payment_locked(locked, sub_orders, payment, actor=actor)
    return payment
