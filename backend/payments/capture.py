"""Mark a payment received: the one path for offline confirmation and provider webhooks.

Charges the payment, confirms the order's sub-orders (ready to ship) and writes one ledger
entry per paid sub-order. Callers hold the locks (order → sub-orders → payments).
"""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.orders.confirmation import confirm_sub_orders
from backend.orders.events import record_event
from backend.orders.models import Order, OrderEventType, OrderStatus, PaymentStatus, SubOrder
from backend.payments.ledger import record_sale_entries
from backend.payments.models import Payment, PaymentState, PaymentTransaction, TransactionKind


def capture_payment_locked(
    order: Order,
    sub_orders: list[SubOrder],
    payment: Payment,
    *,
    actor: User | None,
    psp_reference: str = "",
    data: dict[str, Any] | None = None,
) -> None:
    payment.state = PaymentState.CHARGED
    payment.captured_amount = payment.amount
    payment.save(update_fields=["state", "captured_amount", "updated_at"])
    PaymentTransaction.objects.create(
        payment=payment,
        kind=TransactionKind.CAPTURE,
        amount=payment.amount,
        currency=payment.currency,
        psp_reference=psp_reference,
        actor=actor if actor is not None and actor.pk else None,
        data=data or {},
    )
    order.payment_status = PaymentStatus.FULLY_CHARGED
    order.save(update_fields=["payment_status", "updated_at"])
    confirm_sub_orders(order, sub_orders, actor=actor)
    record_sale_entries([s for s in sub_orders if s.status != OrderStatus.CANCELLED])
    record_event(
        order,
        OrderEventType.PAYMENT_CAPTURED,
        actor=actor,
        payment=payment.pk,
        gateway=payment.gateway,
        amount=str(payment.amount),
        currency=payment.currency,
    )
