"""Stripe PaymentIntents (card, Alipay, WeChat Pay).

Flow: `complete_checkout(gateway="stripe")` places the order with a pending payment (no network
inside that transaction); `start_stripe_payment` then creates the PaymentIntent (network, no
locks held; an idempotency key per payment makes a retry return the same intent) and hands the
client secret to Stripe's payment element; Stripe's webhook (`stripe_webhooks`) marks the
payment received. Refunds and cancellations call Stripe before or after the database work,
never while rows are locked.

Settings (read with defaults, so the demo runs without Stripe): STRIPE_SECRET_KEY,
STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE (tests point it at a local HTTP
double), STRIPE_PAYMENT_EXPIRY_MINUTES (default 30).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import stripe
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.orders.models import Order
from backend.payments.errors import PaymentError, PaymentErrorCode
from backend.payments.gateways import PaymentGateway
from backend.payments.models import Payment, PaymentState, PaymentTransaction, TransactionKind
from backend.warehouse import locks

STRIPE_ID = "stripe"
PAYMENT_METHOD_TYPES = ["card", "alipay", "wechat_pay"]
CENTS = Decimal("100")


def _setting(name: str, default: Any = "") -> Any:
    return getattr(settings, name, default)


def stripe_client() -> stripe.StripeClient:
    base = _setting("STRIPE_API_BASE")
    return stripe.StripeClient(
        _setting("STRIPE_SECRET_KEY"),
        base_addresses={"api": base} if base else None,
        max_network_retries=2,
    )


def to_minor_units(amount: Decimal) -> int:
    """CNY amounts in fen, as Stripe counts them."""
    return int((amount * CENTS).to_integral_exact())


class StripeGateway(PaymentGateway):
    id = STRIPE_ID
    name = _("Card, Alipay or WeChat Pay")

    def is_configured(self) -> bool:
        return bool(_setting("STRIPE_SECRET_KEY"))

    def payment_expires_at(self, now: datetime) -> datetime | None:
        return now + timedelta(minutes=int(_setting("STRIPE_PAYMENT_EXPIRY_MINUTES", 30)))

    def create_payment(self, order: Order) -> Payment:
        return Payment.objects.create(
            order=order,
            gateway=self.id,
            state=PaymentState.PENDING,
            currency=order.currency,
            amount=order.total_amount,
            expires_at=self.payment_expires_at(timezone.now()),
        )

    def refund(self, payment: Payment, amount: Decimal, *, idempotency_key: str) -> str:
        refund = stripe_client().v1.refunds.create(
            params={
                "payment_intent": payment.psp_reference,
                "amount": to_minor_units(amount),
                "metadata": {"payment_id": str(payment.pk)},
            },
            options={"idempotency_key": idempotency_key},
        )
        return str(refund.id)

    def cancel(self, payment: Payment) -> None:
        if payment.psp_reference:
            stripe_client().v1.payment_intents.cancel(payment.psp_reference)


@dataclass(frozen=True)
class PaymentSession:
    """What the storefront needs to show Stripe's payment element."""

    payment: Payment
    client_secret: str
    publishable_key: str


def _pending_stripe_payment(order: Order) -> Payment:
    payment = (
        Payment.objects.filter(order=order, gateway=STRIPE_ID, state=PaymentState.PENDING)
        .order_by("-pk")
        .first()
    )
    if payment is None:
        raise PaymentError(PaymentErrorCode.NOT_FOUND, "the order has no Stripe payment to make")
    return payment


def start_stripe_payment(order: Order) -> PaymentSession:
    """Create (or fetch) the PaymentIntent of the order's pending Stripe payment."""
    payment = _pending_stripe_payment(order)
    client = stripe_client()
    if payment.psp_reference:
        intent = client.v1.payment_intents.retrieve(payment.psp_reference)
    else:
        intent = client.v1.payment_intents.create(
            params={
                "amount": to_minor_units(payment.amount),
                "currency": payment.currency.lower(),
                "allowed_payment_method_types": PAYMENT_METHOD_TYPES,
                "payment_method_options": {"wechat_pay": {"client": "web"}},
                "description": f"Sunshine Market order {order.pk}",
                "metadata": {"order_token": str(order.token), "payment_id": str(payment.pk)},
            },
            options={"idempotency_key": f"sunshine-payment-{payment.pk}"},
        )
        with transaction.atomic(durable=True):
            locks.lock_order(order.pk)
            locked = next(p for p in locks.lock_payments(order.pk) if p.pk == payment.pk)
            if not locked.psp_reference:
                locked.psp_reference = str(intent.id)
                locked.save(update_fields=["psp_reference", "updated_at"])
                PaymentTransaction.objects.create(
                    payment=locked,
                    kind=TransactionKind.AUTH,
                    amount=locked.amount,
                    currency=locked.currency,
                    psp_reference=str(intent.id),
                    data={"status": str(intent.status)},
                )
            payment = locked
    return PaymentSession(
        payment=payment,
        client_secret=str(intent.client_secret),
        publishable_key=_setting("STRIPE_PUBLISHABLE_KEY"),
    )
