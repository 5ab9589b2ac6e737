"""Refund (part of) a paid sub-order.

The provider is called first, outside any transaction (offline gateways: the operator has
returned the money by hand, nothing to call); then one transaction locks, re-checks and records
the refund. The refund reverses the producer's ledger entry at the sale's frozen fee rate; a
full refund of a sub-order that has not shipped everything also releases its allocated stock.
A partial refund before delivery keeps the fulfilment status (see `orders.status`).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import F

from backend.accounts.models import User
from backend.orders.events import record_event
from backend.orders.models import OrderEventType, OrderStatus, PaymentStatus, SubOrder
from backend.orders.status import change_sub_order_status, check_transition, refresh_order_status
from backend.payments.errors import PaymentError, PaymentErrorCode
from backend.payments.gateways import gateway_of
from backend.payments.ledger import record_refund_reversal
from backend.payments.models import Payment, PaymentState, PaymentTransaction, TransactionKind
from backend.warehouse import locks
from backend.warehouse.allocation import deallocate_stock

AFTER_DELIVERY = frozenset(
    {OrderStatus.FULFILLED, OrderStatus.COMPLETED, OrderStatus.PARTIALLY_REFUNDED}
)
REFUNDABLE_PAYMENT_STATES = (PaymentState.CHARGED, PaymentState.PARTIALLY_REFUNDED)


def _status_after_refund(sub_order: SubOrder, *, full: bool) -> str:
    if full:
        return OrderStatus.REFUNDED
    if sub_order.status in AFTER_DELIVERY:
        return OrderStatus.PARTIALLY_REFUNDED
    return sub_order.status


def _charged_payment(payments: list[Payment]) -> Payment:
    for payment in reversed(payments):
        if payment.state in REFUNDABLE_PAYMENT_STATES:
            return payment
    raise PaymentError(PaymentErrorCode.NOT_PAID, "the order has no payment to refund")


def _checked_amount(sub_order: SubOrder, amount: Decimal | None) -> Decimal:
    refundable = sub_order.total_amount - sub_order.refunded_amount
    amount = refundable if amount is None else amount
    if not Decimal("0") < amount <= refundable or amount != amount.quantize(Decimal("0.01")):
        raise PaymentError(
            PaymentErrorCode.INVALID_AMOUNT,
            f"refund must be between 0.01 and {refundable}",
            field="amount",
        )
    return amount


def _record_on_payment(
    payment: Payment, amount: Decimal, *, actor: User | None, psp_reference: str
) -> PaymentTransaction:
    payment.refunded_amount = F("refunded_amount") + amount
    payment.save(update_fields=["refunded_amount", "updated_at"])
    payment.refresh_from_db(fields=["refunded_amount"])
    payment.state = (
        PaymentState.REFUNDED
        if payment.refunded_amount == payment.captured_amount
        else PaymentState.PARTIALLY_REFUNDED
    )
    payment.save(update_fields=["state", "updated_at"])
    return PaymentTransaction.objects.create(
        payment=payment,
        kind=TransactionKind.REFUND,
        amount=amount,
        currency=payment.currency,
        psp_reference=psp_reference,
        actor=actor if actor is not None and actor.pk else None,
    )


def refund_sub_order(
    sub_order: SubOrder, *, amount: Decimal | None = None, actor: User | None
) -> PaymentTransaction:
    """Refund `amount` (everything still refundable when None) of a paid sub-order."""
    current = SubOrder.objects.get(pk=sub_order.pk)
    amount = _checked_amount(current, amount)
    payment = _charged_payment(list(Payment.objects.filter(order_id=current.order_id)))
    # Refuse what the status machine would refuse *before* money moves at the gateway.
    expected = _status_after_refund(
        current, full=amount == current.total_amount - current.refunded_amount
    )
    if expected != current.status:
        check_transition(current, expected)
    psp_reference = gateway_of(payment).refund(
        payment,
        amount,
        idempotency_key=f"sunshine-refund-{current.pk}-{current.refunded_amount}-{amount}",
    )
    with transaction.atomic(durable=True):
        order = locks.lock_order(current.order_id)
        sub_orders = locks.lock_sub_orders(order.pk)
        locked = next(s for s in sub_orders if s.pk == current.pk)
        if locked.refunded_amount != current.refunded_amount:
            raise PaymentError(
                PaymentErrorCode.INVALID_STATE, "the sub-order was refunded meanwhile"
            )
        full = amount == locked.total_amount - locked.refunded_amount
        new_status = _status_after_refund(locked, full=full)
        if new_status != locked.status:
            check_transition(locked, new_status)
        lines = locks.lock_order_lines([locked.pk])
        if full:
            deallocate_stock([line.pk for line in lines])
        payment = _charged_payment(locks.lock_payments(order.pk))
        refund = _record_on_payment(payment, amount, actor=actor, psp_reference=psp_reference)
        record_refund_reversal(locked, amount)
        locked.refunded_amount = F("refunded_amount") + amount
        locked.save(update_fields=["refunded_amount", "updated_at"])
        locked.refresh_from_db(fields=["refunded_amount"])
        if new_status != locked.status:
            change_sub_order_status(locked, new_status, order=order, actor=actor)
        refresh_order_status(order, sub_orders)
        order.payment_status = (
            PaymentStatus.FULLY_REFUNDED
            if payment.state == PaymentState.REFUNDED
            else PaymentStatus.PARTIALLY_REFUNDED
        )
        order.save(update_fields=["payment_status", "updated_at"])
        record_event(
            order,
            OrderEventType.PAYMENT_REFUNDED,
            actor=actor,
            sub_order=locked,
            amount=str(amount),
            currency=locked.currency,
            psp_reference=psp_reference,
        )
    return refund
