"""The operator admin for payments: refunds (offline and through Stripe's HTTP double),
read-only payments and Stripe events, producer balances and payout runs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs

import pytest
from django.contrib.auth.models import Permission
from django.test import override_settings
from django.urls import reverse
from pytest_httpserver import HTTPServer

from backend.accounts.models import User
from backend.checkout.tests.scenarios import listed_variant, new_producer, new_user
from backend.orders.models import OrderEvent, OrderEventType, OrderStatus, PaymentStatus
from backend.orders.tests.test_admin import error_codes, paid_order, place_order
from backend.payments.models import (
    LedgerEntryKind,
    Payment,
    PaymentState,
    PaymentTransaction,
    PayoutRun,
    ProducerLedgerEntry,
    StripeEvent,
    TransactionKind,
)
from backend.payments.payouts import reconcile_ledger
from backend.payments.refunds import refund_sub_order
from backend.payments.stripe_gateway import start_stripe_payment
from backend.payments.stripe_webhooks import apply_stripe_event

pytestmark = pytest.mark.django_db

INTENT_ID = "pi_3SunshineAdmin0001"
BALANCES = reverse("admin:payments_producerledgerentry_balances")


def refund_url(sub_order_id: int) -> str:
    return reverse("admin:orders_suborder_refund", args=[sub_order_id])


# --- Refunds of offline payments -----------------------------------------------------------


@pytest.fixture
def order(channel, courier):  # type: ignore[no-untyped-def]
    """Paid by bank transfer: one producer, 3 × 49.90 + 11.00 shipping (1.5 kg) = 160.70."""
    return paid_order(channel, courier, producers=1, quantity=3)


def test_refund_sub_order_in_full_records_refund_event_and_ledger_reversal(
    admin_client, admin_user, order
):
    # given
    sub_order = order.sub_orders.get()

    # when the amount is left empty
    page = admin_client.get(refund_url(sub_order.pk))
    response = admin_client.post(refund_url(sub_order.pk), {"operate": "yes"})

    # then
    assert page.status_code == 200
    assert response.status_code == 302
    sub_order.refresh_from_db()
    order.refresh_from_db()
    assert (sub_order.status, sub_order.refunded_amount) == (
        OrderStatus.REFUNDED,
        Decimal("160.70"),
    )
    assert order.payment_status == PaymentStatus.FULLY_REFUNDED
    refund = PaymentTransaction.objects.get(kind=TransactionKind.REFUND)
    assert (refund.amount, refund.actor) == (Decimal("160.70"), admin_user)
    event = OrderEvent.objects.get(order=order, type=OrderEventType.PAYMENT_REFUNDED)
    assert (event.user, event.data["amount"]) == (admin_user, "160.70")
    reversal = ProducerLedgerEntry.objects.get(kind=LedgerEntryKind.REFUND)
    assert reversal.net_amount == Decimal("-160.70")


def test_refund_sub_order_partial_amount_keeps_status_and_payment_partly_refunded(
    admin_client, order
):
    # given
    sub_order = order.sub_orders.get()

    # when
    admin_client.post(refund_url(sub_order.pk), {"operate": "yes", "amount": "10.70"})

    # then
    sub_order.refresh_from_db()
    assert (sub_order.status, sub_order.refunded_amount) == (
        OrderStatus.UNFULFILLED,
        Decimal("10.70"),
    )
    assert Payment.objects.get(order=order).state == PaymentState.PARTIALLY_REFUNDED


def test_refund_items_of_one_line_refunds_unit_price_times_quantity(admin_client, order):
    # given
    sub_order = order.sub_orders.get()
    line = order.lines.get()

    # when two of three items are refunded
    admin_client.post(
        refund_url(sub_order.pk), {"operate": "yes", "line": line.pk, "quantity": "2"}
    )

    # then
    sub_order.refresh_from_db()
    assert sub_order.refunded_amount == Decimal("99.80")


def test_refund_above_what_is_refundable_refused_by_the_form_and_nothing_changes(
    admin_client, order
):
    # given 100.00 of 160.70 already refunded
    sub_order = order.sub_orders.get()
    refund_sub_order(sub_order, amount=Decimal("100.00"), actor=None)

    # when 60.71 more is asked for, or four items of a line of three
    too_much = admin_client.post(refund_url(sub_order.pk), {"operate": "yes", "amount": "60.71"})
    too_many = admin_client.post(
        refund_url(sub_order.pk),
        {"operate": "yes", "line": order.lines.get().pk, "quantity": "4"},
    )

    # then both are refused on the form, saying how much is left
    assert too_much.status_code == 200
    assert error_codes(too_much) == {"amount": ["above_refundable"]}
    assert "60.70" in str(too_much.context["form"].errors["amount"][0])
    assert error_codes(too_many) == {"quantity": ["above_line_quantity"]}
    sub_order.refresh_from_db()
    assert sub_order.refunded_amount == Decimal("100.00")
    assert PaymentTransaction.objects.filter(kind=TransactionKind.REFUND).count() == 1


def test_refund_form_mixed_or_incomplete_input_refused(admin_client, order):
    # given
    sub_order = order.sub_orders.get()
    line = order.lines.get()
    url = refund_url(sub_order.pk)

    # when
    both = admin_client.post(url, {"operate": "yes", "amount": "1.00", "line": line.pk})
    no_quantity = admin_client.post(url, {"operate": "yes", "line": line.pk})
    no_line = admin_client.post(url, {"operate": "yes", "quantity": "1"})
    zero = admin_client.post(url, {"operate": "yes", "amount": "0.00"})

    # then
    assert error_codes(both) == {"amount": ["amount_and_line"]}
    assert error_codes(no_quantity) == {"quantity": ["quantity_required"]}
    assert error_codes(no_line) == {"line": ["line_required"]}
    assert error_codes(zero) == {"amount": ["min_value"]}
    assert not PaymentTransaction.objects.filter(kind=TransactionKind.REFUND).exists()


def test_refund_of_an_unpaid_order_refused_by_the_service(admin_client, channel, courier):
    # given an order still awaiting its bank transfer
    order = place_order(channel, courier, producers=1)
    sub_order = order.sub_orders.get()

    # when
    response = admin_client.post(refund_url(sub_order.pk), {"operate": "yes"})

    # then
    assert error_codes(response) == {"__all__": ["not_paid"]}
    sub_order.refresh_from_db()
    assert sub_order.refunded_amount == 0


def test_refund_everything_already_refunded_refused(admin_client, order):
    # given
    sub_order = order.sub_orders.get()
    refund_sub_order(sub_order, actor=None)

    # when
    response = admin_client.post(refund_url(sub_order.pk), {"operate": "yes", "amount": "1"})

    # then
    assert error_codes(response) == {"__all__": ["nothing_to_refund"]}


def test_refund_order_action_refunds_every_sub_order(admin_client, channel, courier):
    # given an order of two producers, one of them partly refunded already
    order = paid_order(channel, courier, producers=2)
    first = order.sub_orders.order_by("pk").first()
    refund_sub_order(first, amount=Decimal("5.00"), actor=None)

    # when
    response = admin_client.post(
        reverse("admin:orders_order_changelist"),
        {"action": "refund", "_selected_action": [order.pk], "operate": "yes"},
    )

    # then
    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (
        OrderStatus.REFUNDED,
        PaymentStatus.FULLY_REFUNDED,
    )
    assert PaymentTransaction.objects.filter(kind=TransactionKind.REFUND).count() == 3


# --- Refunds through Stripe (a local HTTP double at the boundary) ---------------------------


@pytest.fixture
def stripe_api(httpserver: HTTPServer):  # type: ignore[no-untyped-def]
    with override_settings(
        STRIPE_SECRET_KEY="sk_test_sunshine",
        STRIPE_PUBLISHABLE_KEY="pk_test_sunshine",
        STRIPE_WEBHOOK_SECRET="whsec_test_sunshine",
        STRIPE_API_BASE=httpserver.url_for("").rstrip("/"),
    ):
        yield httpserver
    httpserver.check_assertions()


def stripe_intent(amount: int, status: str) -> dict[str, Any]:
    return {
        "id": INTENT_ID,
        "object": "payment_intent",
        "amount": amount,
        "amount_received": amount if status == "succeeded" else 0,
        "currency": "cny",
        "status": status,
        "client_secret": f"{INTENT_ID}_secret_abc",
        "livemode": False,
    }


@pytest.fixture
def stripe_order(channel, courier, stripe_api):  # type: ignore[no-untyped-def]
    """Paid through Stripe: 49.90 + 8.00 shipping = 57.90 → 5790 fen."""
    order = place_order(channel, courier, producers=1, gateway="stripe")
    stripe_api.expect_oneshot_request("/v1/payment_intents", method="POST").respond_with_json(
        stripe_intent(5790, "requires_payment_method")
    )
    start_stripe_payment(order)
    outcome = apply_stripe_event(
        {
            "id": "evt_admin_1",
            "object": "event",
            "type": "payment_intent.succeeded",
            "created": 1000,
            "data": {"object": stripe_intent(5790, "succeeded")},
        }
    )
    assert outcome == "captured"
    return order


def test_refund_of_a_stripe_payment_calls_stripe_then_records_its_reference(
    admin_client, stripe_api, stripe_order
):
    # given
    sub_order = stripe_order.sub_orders.get()
    stripe_api.expect_oneshot_request("/v1/refunds", method="POST").respond_with_json(
        {"id": "re_admin_1", "object": "refund", "amount": 1000, "status": "succeeded"}
    )

    # when
    response = admin_client.post(refund_url(sub_order.pk), {"operate": "yes", "amount": "10.00"})

    # then Stripe was asked for 1000 fen of this intent, and the refund carries its id
    assert response.status_code == 302
    (request, _response) = stripe_api.log[-1]
    sent = parse_qs(request.get_data(as_text=True))
    assert (sent["payment_intent"], sent["amount"]) == ([INTENT_ID], ["1000"])
    refund = PaymentTransaction.objects.get(kind=TransactionKind.REFUND)
    assert (refund.amount, refund.psp_reference) == (Decimal("10.00"), "re_admin_1")


def test_refund_refused_by_stripe_shown_and_nothing_recorded(
    admin_client, stripe_api, stripe_order
):
    # given Stripe answers that the charge was refunded already
    sub_order = stripe_order.sub_orders.get()
    stripe_api.expect_request("/v1/refunds", method="POST").respond_with_json(
        {
            "error": {
                "type": "invalid_request_error",
                "code": "charge_already_refunded",
                "message": "Charge has already been refunded.",
            }
        },
        status=400,
    )

    # when
    response = admin_client.post(refund_url(sub_order.pk), {"operate": "yes"})

    # then
    assert error_codes(response) == {"__all__": ["provider_error"]}
    assert "Charge has already been refunded." in response.content.decode()
    assert not PaymentTransaction.objects.filter(kind=TransactionKind.REFUND).exists()
    sub_order.refresh_from_db()
    assert sub_order.refunded_amount == 0


def test_payment_and_stripe_event_pages_load_read_only(admin_client, stripe_order):
    # given
    payment = Payment.objects.get(order=stripe_order)
    event = StripeEvent.objects.get()
    pages = [
        reverse("admin:payments_payment_changelist"),
        reverse("admin:payments_payment_change", args=[payment.pk]),
        reverse("admin:payments_stripeevent_changelist"),
        reverse("admin:payments_stripeevent_change", args=[event.pk]),
    ]

    # when
    statuses = [admin_client.get(page).status_code for page in pages]
    searched = admin_client.get(pages[0], {"q": INTENT_ID})
    add = admin_client.get(reverse("admin:payments_payment_add"))

    # then
    assert statuses == [200, 200, 200, 200]
    assert [p.pk for p in searched.context["cl"].result_list] == [payment.pk]
    assert add.status_code == 403


# --- Balances and payout runs ---------------------------------------------------------------


@pytest.fixture
def ledger(channel, courier):  # type: ignore[no-untyped-def]
    """Two producers with sales; one of them has a partial refund."""
    first, second = new_producer(), new_producer()
    for producer in (first, second):
        paid_order(channel, courier, variants=[listed_variant(channel, producer=producer)])
    refunded = paid_order(channel, courier, variants=[listed_variant(channel, producer=first)])
    refund_sub_order(refunded.sub_orders.get(), amount=Decimal("7.90"), actor=None)
    return first, second


def test_balances_page_reconciles_each_producer(admin_client, ledger):
    # given
    first, second = ledger

    # when
    response = admin_client.get(BALANCES)

    # then 57.90 + 57.90 − 7.90 for the first, 57.90 for the second, all open
    rows = {row["producer_id"]: row for row in response.context["rows"]}
    assert (rows[first.pk]["sales"], rows[first.pk]["refunds"], rows[first.pk]["open"]) == (
        Decimal("115.80"),
        Decimal("-7.90"),
        Decimal("107.90"),
    )
    assert rows[second.pk]["open"] == Decimal("57.90")
    assert response.context["reconciles"] is True
    assert first.name in response.content.decode()


def test_run_payout_pays_the_chosen_producers_as_the_operator(admin_client, admin_user, ledger):
    # given
    first, second = ledger

    # when only the first producer is chosen
    response = admin_client.post(BALANCES, {"operate": "yes", "producers": [first.pk]})

    # then
    run = PayoutRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:payments_payoutrun_change", args=[run.pk])
    assert (run.created_by, run.total_amount) == (admin_user, Decimal("107.90"))
    assert not ProducerLedgerEntry.objects.filter(producer=first, payout__isnull=True).exists()
    assert ProducerLedgerEntry.objects.filter(producer=second, payout__isnull=True).count() == 1
    assert reconcile_ledger().balanced
    after = admin_client.get(BALANCES)
    assert after.context["reconciles"] is True
    assert admin_client.get(response["Location"]).status_code == 200


def test_run_payout_without_a_producer_chosen_refused(admin_client, ledger):
    # given
    # when
    response = admin_client.post(BALANCES, {"operate": "yes"})

    # then
    assert error_codes(response) == {"producers": ["required"]}
    assert not PayoutRun.objects.exists()


def test_run_payout_for_a_producer_not_owed_refused(admin_client, ledger):
    # given a producer with no open balance
    stranger = new_producer()

    # when
    response = admin_client.post(BALANCES, {"operate": "yes", "producers": [stranger.pk]})

    # then
    assert error_codes(response) == {"producers": ["invalid_choice"]}
    assert not PayoutRun.objects.exists()


def test_ledger_and_payout_pages_load(admin_client, ledger):
    # given a payout run
    admin_client.post(BALANCES, {"operate": "yes", "producers": [p.pk for p in ledger]})
    entry = ProducerLedgerEntry.objects.first()
    pages = [
        reverse("admin:payments_producerledgerentry_changelist"),
        reverse("admin:payments_producerledgerentry_changelist") + "?paid=yes",
        reverse("admin:payments_producerledgerentry_change", args=[entry.pk]),
        reverse("admin:payments_payoutrun_changelist"),
    ]

    # when
    responses = [admin_client.get(page) for page in pages]

    # then
    assert [r.status_code for r in responses] == [200, 200, 200, 200]
    assert BALANCES in responses[3].content.decode()  # the way to the next run
    assert len(responses[1].context["cl"].result_list) == 4


def test_balances_staff_who_may_only_view_cannot_run_payouts(client, ledger):
    # given
    viewer: User = new_user(is_staff=True)
    viewer.user_permissions.add(*Permission.objects.filter(codename="view_producerledgerentry"))
    client.force_login(viewer)

    # when
    page = client.get(BALANCES)
    refused = client.post(BALANCES, {"operate": "yes", "producers": [ledger[0].pk]})

    # then
    assert page.status_code == 200
    assert page.context["can_run"] is False
    assert refused.status_code == 403
    assert not PayoutRun.objects.exists()


def test_balances_not_staff_sent_to_sign_in(client, ledger):
    # given
    client.force_login(new_user())

    # when
    response = client.post(BALANCES, {"operate": "yes", "producers": [ledger[0].pk]})

    # then
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not PayoutRun.objects.exists()
