"""Offline payments (bank transfer, cash on delivery): an operator confirms the money arrived.

Confirming charges the payment, confirms the order's sub-orders (ready to ship) and writes one
ledger entry per paid sub-order, all in one transaction. Confirming twice changes nothing.
"""

from __future__ import annotations

from django.db import transaction

from backend.accounts.models import User
from backend.orders.confirmation import confirm_sub_orders
from backend.orders.events import record_event
from backend.orders.models import Order, OrderEventType, OrderStatus, PaymentStatus
from backend.payments.errors import PaymentError, PaymentErrorCode
from backend.payments.gateways import get_gateway
from backend.payments.ledger import record_sale_entries
from backend.payments.models import Payment, PaymentState, PaymentTransaction, TransactionKind
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
        if not get_gateway(payment.gateway).is_offline:
            raise PaymentError(
                PaymentErrorCode.NOT_OFFLINE, "only offline payments are confirmed by hand"
            )
        if payment.state == PaymentState.CHARGED:
            return payment
        if payment.state != PaymentState.PENDING:
            raise PaymentError(
                PaymentErrorCode.INVALID_STATE, f"a {payment.state} payment cannot be confirmed"
            )
        payment.state = PaymentState.CHARGED
        payment.captured_amount = payment.amount
        payment.save(update_fields=["state", "captured_amount", "updated_at"])
        PaymentTransaction.objects.create(
            payment=payment,
            kind=TransactionKind.CAPTURE,
            amount=payment.amount,
            currency=payment.currency,
            actor=actor if actor is not None and actor.pk else None,
        )
        locked.payment_status = PaymentStatus.FULLY_CHARGED
        locked.save(update_fields=["payment_status", "updated_at"])
        paid = [s for s in sub_orders if s.status != OrderStatus.CANCELLED]
        confirm_sub_orders(locked, sub_orders, actor=actor)
        record_sale_entries(paid)
        record_event(
            locked,
            OrderEventType.PAYMENT_CAPTURED,
            actor=actor,
            payment=payment.pk,
            amount=str(payment.amount),
            currency=payment.currency,
        )
    return payment
