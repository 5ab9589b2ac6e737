"""Stripe at the HTTP boundary only: a local HTTP double speaks Stripe's wire format (form-encoded
requests, JSON objects back) and webhooks are signed with the `stripe` library's scheme."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs

import pytest
import stripe
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pytest_httpserver import HTTPServer

from backend.checkout.tests.scenarios import listed_variant, new_producer, ready_checkout
from backend.orders.cancellation import expire_unpaid_orders
from backend.orders.complete_checkout import complete_checkout
from backend.orders.models import Order, OrderStatus
from backend.payments.models import (
    Payment,
    PaymentState,
    PaymentTransaction,
    ProducerLedgerEntry,
    StripeEvent,
    TransactionKind,
)
from backend.payments.refunds import refund_sub_order
from backend.payments.stripe_gateway import start_stripe_payment

WEBHOOK_SECRET = "whsec_test_sunshine"
SECRET_KEY = "sk_test_sunshine"
INTENT_ID = "pi_3SunshineTest0001"

pytestmark = pytest.mark.urls("backend.payments.tests.urls")


@pytest.fixture
def stripe_api(httpserver: HTTPServer):  # type: ignore[no-untyped-def]
    with override_settings(
        STRIPE_SECRET_KEY=SECRET_KEY,
        STRIPE_PUBLISHABLE_KEY="pk_test_sunshine",
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        STRIPE_API_BASE=httpserver.url_for("").rstrip("/"),
    ):
        yield httpserver
    httpserver.check_assertions()


def intent(amount: int, status: str = "requires_payment_method", **extra: Any) -> dict[str, Any]:
    return {
        "id": INTENT_ID,
        "object": "payment_intent",
        "amount": amount,
        "amount_received": amount if status == "succeeded" else 0,
        "currency": "cny",
        "status": status,
        "client_secret": f"{INTENT_ID}_secret_abc",
        "livemode": False,
        **extra,
    }


def form(request) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return parse_qs(request.get_data(as_text=True))


@pytest.fixture
def stripe_order(channel, courier, stripe_api):  # type: ignore[no-untyped-def]
    """An order of 2 producers paid through Stripe: 2 × 49.90 + 2 × 8.00 = 115.80 → 11580 fen."""
    lines = [(listed_variant(channel, producer=new_producer()), 1) for _ in range(2)]
    order = complete_checkout(
        ready_checkout(channel, lines, method=courier), actor=None, gateway="stripe"
    )
    stripe_api.expect_oneshot_request("/v1/payment_intents", method="POST").respond_with_json(
        intent(11580)
    )
    start_stripe_payment(order)
    return order


def signed(event: dict[str, Any], *, timestamp: int | None = None) -> tuple[str, str]:
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(
        payload, WEBHOOK_SECRET, timestamp=timestamp
    )
    return payload, header


def event(event_id: str, event_type: str, obj: dict[str, Any], created: int) -> dict[str, Any]:
    return {
        "id": event_id,
        "object": "event",
        "type": event_type,
        "created": created,
        "api_version": stripe.api_version,
        "data": {"object": obj},
        "livemode": False,
    }


def deliver(client, evt: dict[str, Any], **kwargs: Any):  # type: ignore[no-untyped-def]
    payload, header = signed(evt, **kwargs)
    return client.post(
        reverse("payments:stripe-webhook"),
        data=payload,
        content_type="application/json",
        headers={"Stripe-Signature": header},
    )


def test_start_stripe_payment_creates_intent_in_fen_once(channel, courier, stripe_api):
    # given
    order = complete_checkout(
        ready_checkout(channel, [(listed_variant(channel, price="12.34"), 1)], method=courier),
        actor=None,
        gateway="stripe",
    )
    stripe_api.expect_oneshot_request("/v1/payment_intents", method="POST").respond_with_json(
        intent(2034)
    )
    stripe_api.expect_oneshot_request(
        f"/v1/payment_intents/{INTENT_ID}", method="GET"
    ).respond_with_json(intent(2034))

    # when
    session = start_stripe_payment(order)
    again = start_stripe_payment(order)

    # then
    create, retrieve = (request for request, _response in stripe_api.log)
    sent = form(create)
    assert sent["amount"] == ["2034"]  # 12.34 + 8.00 shipping, in fen
    assert sent["currency"] == ["cny"]
    assert sent["allowed_payment_method_types[0]"] == ["card"]
    assert sent["allowed_payment_method_types[1]"] == ["alipay"]
    assert sent["allowed_payment_method_types[2]"] == ["wechat_pay"]
    assert sent["payment_method_options[wechat_pay][client]"] == ["web"]
    assert sent["metadata[order_token]"] == [str(order.token)]
    assert create.headers["Authorization"] == f"Bearer {SECRET_KEY}"
    assert create.headers["Idempotency-Key"] == f"sunshine-payment-{session.payment.pk}"
    assert retrieve.method == "GET"
    assert session.client_secret == again.client_secret == f"{INTENT_ID}_secret_abc"
    assert Payment.objects.get(order=order).psp_reference == INTENT_ID


def test_stripe_webhook_succeeded_marks_payment_and_writes_ledger(client, stripe_order):
    # given
    succeeded = event("evt_1", "payment_intent.succeeded", intent(11580, "succeeded"), 1000)

    # when
    response = deliver(client, succeeded)

    # then
    assert response.status_code == 200
    stripe_order.refresh_from_db()
    assert Payment.objects.get(order=stripe_order).state == PaymentState.CHARGED
    assert stripe_order.status == OrderStatus.UNFULFILLED
    assert ProducerLedgerEntry.objects.filter(sub_order__order=stripe_order).count() == 2


def test_stripe_webhook_delivered_twice_applied_once(client, stripe_order):
    # given
    succeeded = event("evt_1", "payment_intent.succeeded", intent(11580, "succeeded"), 1000)

    # when
    responses = [deliver(client, succeeded), deliver(client, succeeded)]

    # then
    assert [r.status_code for r in responses] == [200, 200]
    assert StripeEvent.objects.count() == 1
    captures = PaymentTransaction.objects.filter(kind=TransactionKind.CAPTURE)
    assert captures.count() == 1
    assert ProducerLedgerEntry.objects.count() == 2


@pytest.mark.parametrize("succeeded_first", [True, False])
def test_stripe_webhook_events_out_of_order_end_charged_once(client, stripe_order, succeeded_first):
    # given
    failed = event(
        "evt_failed", "payment_intent.payment_failed", intent(11580, "requires_payment_method"), 900
    )
    succeeded = event("evt_ok", "payment_intent.succeeded", intent(11580, "succeeded"), 1000)
    deliveries = [succeeded, failed] if succeeded_first else [failed, succeeded]

    # when
    for delivery in deliveries:
        assert deliver(client, delivery).status_code == 200

    # then
    payment = Payment.objects.get(order=stripe_order)
    assert payment.state == PaymentState.CHARGED
    assert payment.captured_amount == Decimal("115.80")
    assert PaymentTransaction.objects.filter(kind=TransactionKind.CAPTURE).count() == 1
    assert ProducerLedgerEntry.objects.count() == 2


def test_stripe_webhook_forged_signature_400_and_nothing_changes(client, stripe_order):
    # given
    payload = json.dumps(
        event("evt_forged", "payment_intent.succeeded", intent(11580, "succeeded"), 1000)
    )
    forged = stripe.WebhookSignature.generate_signature_header(payload, "whsec_not_ours")

    # when
    response = client.post(
        reverse("payments:stripe-webhook"),
        data=payload,
        content_type="application/json",
        headers={"Stripe-Signature": forged},
    )

    # then
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    assert Payment.objects.get(order=stripe_order).state == PaymentState.PENDING


def test_stripe_webhook_stale_timestamp_400(client, stripe_order):
    # given
    stale = event("evt_old", "payment_intent.succeeded", intent(11580, "succeeded"), 1000)

    # when
    response = deliver(client, stale, timestamp=int(time.time()) - 3600)

    # then
    assert response.status_code == 400
    assert Payment.objects.get(order=stripe_order).state == PaymentState.PENDING


def test_stripe_webhook_wrong_amount_not_captured(client, stripe_order):
    # given
    short = event("evt_short", "payment_intent.succeeded", intent(100, "succeeded"), 1000)

    # when
    response = deliver(client, short)

    # then
    assert response.status_code == 200
    assert StripeEvent.objects.get().outcome == "amount_mismatch"
    assert Payment.objects.get(order=stripe_order).state == PaymentState.PENDING


def test_refund_sub_order_stripe_calls_refund_api_then_records(client, stripe_order, stripe_api):
    # given
    deliver(client, event("evt_1", "payment_intent.succeeded", intent(11580, "succeeded"), 1))
    sub_order = stripe_order.sub_orders.order_by("pk").first()
    stripe_api.expect_oneshot_request("/v1/refunds", method="POST").respond_with_json(
        {"id": "re_1", "object": "refund", "amount": 1000, "status": "succeeded"}
    )

    # when
    refund = refund_sub_order(sub_order, amount=Decimal("10.00"), actor=None)

    # then
    request = stripe_api.log[-1][0]
    assert form(request)["amount"] == ["1000"]
    assert form(request)["payment_intent"] == [INTENT_ID]
    assert request.headers["Idempotency-Key"].startswith(f"sunshine-refund-{sub_order.pk}-")
    assert (refund.psp_reference, refund.amount) == ("re_1", Decimal("10.00"))
    assert Payment.objects.get(order=stripe_order).state == PaymentState.PARTIALLY_REFUNDED


def test_expire_unpaid_stripe_order_cancels_intent_after_commit(
    stripe_order, stripe_api, django_capture_on_commit_callbacks
):
    # given
    Payment.objects.filter(order=stripe_order).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    stripe_api.expect_oneshot_request(
        f"/v1/payment_intents/{INTENT_ID}/cancel", method="POST"
    ).respond_with_json(intent(11580, "canceled"))

    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        expired = expire_unpaid_orders()

    # then
    assert expired == [stripe_order.pk]
    assert len(callbacks) == 1
    assert stripe_api.log[-1][0].path == f"/v1/payment_intents/{INTENT_ID}/cancel"
    assert Order.objects.get(pk=stripe_order.pk).status == OrderStatus.CANCELLED
