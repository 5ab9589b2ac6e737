"""Stripe webhooks: verify, then apply each event exactly once.

- The signature and its timestamp (tolerance `STRIPE_WEBHOOK_TOLERANCE`, default 300 s) are
  checked by `stripe.Webhook.construct_event`; a forged or stale event raises `InvalidWebhook`
  (the view answers 400) and changes nothing.
- The event id is stored in the same transaction that applies the event: a redelivered event
  finds its id and is a no-op, also when two deliveries race (the unique index decides).
- Payment states only move forward: `payment_intent.succeeded` captures a pending payment
  once; a late `payment_failed` or `processing` for a captured payment is recorded and ignored,
  so events arriving out of order end in the right state.

Lock order: the event row is inserted first (a concurrent duplicate waits on its unique index
while holding nothing), then order → sub-orders → payments as everywhere else.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction

from backend.payments.capture import capture_payment_locked
from backend.payments.models import (
    Payment,
    PaymentState,
    PaymentTransaction,
    StripeEvent,
    TransactionKind,
)
from backend.payments.stripe_gateway import STRIPE_ID, to_minor_units
from backend.warehouse import locks

logger = logging.getLogger(__name__)


class InvalidWebhook(Exception):
    """The payload is not a genuine, fresh Stripe event."""


def verify_stripe_event(payload: bytes, signature: str | None) -> dict[str, Any]:
    secret = getattr(settings, "STRIPE_WEBHOOK_SECRET", "")
    if not secret or not signature:
        raise InvalidWebhook("missing signature or webhook secret")
    tolerance = int(getattr(settings, "STRIPE_WEBHOOK_TOLERANCE", 300))
    try:
        event = stripe.Webhook.construct_event(payload, signature, secret, tolerance=tolerance)
    except (ValueError, stripe.SignatureVerificationError) as exc:
        raise InvalidWebhook(str(exc)) from exc
    return event.to_dict()


def _apply(event: dict[str, Any], stored: StripeEvent) -> str:
    intent = event["data"]["object"]
    if event["type"] not in {
        "payment_intent.succeeded",
        "payment_intent.payment_failed",
        "payment_intent.processing",
        "payment_intent.canceled",
    }:
        return "ignored_type"
    found = (
        Payment.objects.filter(gateway=STRIPE_ID, psp_reference=intent["id"])
        .values_list("pk", "order_id")
        .first()
    )
    if found is None:
        return "unknown_payment"
    payment_id, order_id = found
    order = locks.lock_order(order_id)
    sub_orders = locks.lock_sub_orders(order_id)
    payment = next(p for p in locks.lock_payments(order_id) if p.pk == payment_id)
    stored.payment = payment
    if event["type"] != "payment_intent.succeeded":
        PaymentTransaction.objects.create(
            payment=payment,
            kind=TransactionKind.AUTH,
            currency=payment.currency,
            psp_reference=intent["id"],
            data={"event": event["type"], "status": intent.get("status", "")},
        )
        return "recorded"
    if payment.state != PaymentState.PENDING:
        return f"already_{payment.state}"
    received = Decimal(int(intent.get("amount_received") or 0))
    if received != to_minor_units(payment.amount) or intent.get("currency") != "cny":
        logger.error("Stripe amount mismatch on payment %s: %s", payment.pk, intent)
        return "amount_mismatch"
    capture_payment_locked(
        order,
        sub_orders,
        payment,
        actor=None,
        psp_reference=intent["id"],
        data={"event": event["id"]},
    )
    return "captured"


def apply_stripe_event(event: dict[str, Any]) -> str | None:
    """Apply a verified event; returns its outcome, or None when it was applied before."""
    if StripeEvent.objects.filter(event_id=event["id"]).exists():
        return None
    try:
        with transaction.atomic(durable=True):
            stored = StripeEvent.objects.create(
                event_id=event["id"], type=event["type"], stripe_created=event.get("created")
            )
            stored.outcome = _apply(event, stored)
            stored.save(update_fields=["outcome", "payment"])
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event["id"]).exists():
            return None  # a concurrent delivery of the same event won
        raise
    return stored.outcome


def handle_stripe_webhook(payload: bytes, signature: str | None) -> str | None:
    """Verify and apply one webhook delivery; raises `InvalidWebhook`."""
    return apply_stripe_event(verify_stripe_event(payload, signature))
