from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.checkout.errors import CheckoutError, CheckoutErrorCode, CheckoutNotReady
from backend.checkout.lines import LineInput, create_checkout
from backend.checkout.models import Checkout
from backend.checkout.tests.factories import set_supplying_household
from backend.checkout.tests.scenarios import listed_variant, new_producer, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.fulfilment import fulfil_sub_order
from backend.orders.models import Order, OrderEvent, OrderEventType, OrderStatus
from backend.payments.errors import PaymentError
from backend.payments.models import LedgerEntryKind, Payment, PaymentState, ProducerLedgerEntry
from backend.payments.offline import confirm_offline_payment
from backend.producers.models import ProducerKind
from backend.producers.tests.factories import PoorHouseholdFactory
from backend.warehouse.errors import InsufficientStock
from backend.warehouse.models import Reservation, Stock

BANK = "offline.bank_transfer"


def stock(variant) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    row = Stock.objects.get(product_variant=variant)
    return row.quantity, row.quantity_allocated


def test_complete_checkout_two_producers_full_purchase(channel, courier, buyer):
    # given
    cooperative = new_producer(kind=ProducerKind.COOPERATIVE)
    household = new_producer(PoorHouseholdFactory)
    oil = listed_variant(channel, producer=cooperative, price="68.00", stock=10, weight_grams=1000)
    set_supplying_household(oil.product, "HH-0042")
    apples = listed_variant(
        channel, producer=household, price="39.90", stock=5, weight_grams=2500, fresh=True
    )
    checkout = ready_checkout(channel, [(oil, 2), (apples, 1)], method=courier, user=buyer)

    # when
    order = complete_checkout(checkout, actor=buyer, gateway=BANK)
    payment = confirm_offline_payment(order, actor=None)
    sub_orders = {s.producer_id: s for s in order.sub_orders.all()}
    fulfil_sub_order(
        sub_orders[household.pk], actor=None, carrier="顺丰冷运", tracking_number="SF1"
    )

    # then
    order.refresh_from_db()
    assert not Checkout.objects.filter(pk=checkout.pk).exists()
    assert order.checkout_token == checkout.pk
    assert (order.subtotal_amount, order.shipping_amount, order.total_amount) == (
        Decimal("175.90"),
        Decimal("37.00"),  # oil 2 kg: 8 + 1×3; apples 2.5 kg, fresh: 8 + 2×3 + 12
        Decimal("212.90"),
    )
    assert {s.producer_id: s.total_amount for s in order.sub_orders.all()} == {
        cooperative.pk: Decimal("147.00"),
        household.pk: Decimal("65.90"),
    }
    lines = {line.variant_id: line for line in order.lines.all()}
    assert lines[oil.pk].beneficiary_household_ref == "HH-0042"
    assert lines[apples.pk].beneficiary_household_ref == ""  # the household itself sells
    assert (lines[oil.pk].product_name, lines[oil.pk].product_sku) == (
        oil.product.name,
        oil.sku,
    )
    assert lines[apples.pk].is_fresh
    assert payment.state == PaymentState.CHARGED
    assert sorted(
        ProducerLedgerEntry.objects.filter(kind=LedgerEntryKind.SALE).values_list(
            "producer_id", "net_amount"
        )
    ) == sorted([(cooperative.pk, Decimal("147.00")), (household.pk, Decimal("65.90"))])
    assert stock(oil) == (10, 2)  # allocated, not shipped yet
    assert stock(apples) == (4, 0)  # shipped
    assert order.status == OrderStatus.PARTIALLY_FULFILLED
    assert sub_orders[cooperative.pk].status == OrderStatus.UNFULFILLED
    assert not Reservation.objects.exists()


def test_complete_checkout_repeated_returns_the_same_order(channel, courier):
    # given
    variant = listed_variant(channel, stock=5)
    checkout = ready_checkout(channel, [(variant, 2)], method=courier)
    first = complete_checkout(checkout, actor=None, gateway=BANK)

    # when
    again = complete_checkout(checkout, actor=None, gateway=BANK)

    # then
    assert again.pk == first.pk
    assert Order.objects.count() == 1
    assert Payment.objects.count() == 1
    assert stock(variant) == (5, 2)


def test_complete_checkout_email_queued_only_after_commit(
    channel, courier, django_capture_on_commit_callbacks
):
    # given
    checkout = ready_checkout(channel, [(listed_variant(channel), 1)], method=courier)

    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        order = complete_checkout(checkout, actor=None, gateway=BANK)
    sent_before_commit = len(mail.outbox)
    for callback in callbacks:
        callback()

    # then
    assert sent_before_commit == 0
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [["buyer@example.test"]]
    assert str(order.pk) in mail.outbox[0].subject
    assert OrderEvent.objects.filter(order=order, type=OrderEventType.EMAIL_SENT).exists()


def test_complete_checkout_failed_completion_queues_no_email(
    channel, courier, django_capture_on_commit_callbacks
):
    # given
    variant = listed_variant(channel, stock=1)
    checkout = ready_checkout(channel, [(variant, 1)], method=courier)
    Stock.objects.filter(product_variant=variant).update(quantity=0)

    # when
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(InsufficientStock),
    ):
        complete_checkout(checkout, actor=None, gateway=BANK)

    # then
    assert callbacks == []
    assert mail.outbox == []
    assert Checkout.objects.filter(pk=checkout.pk).exists()


def test_complete_checkout_missing_details_not_ready(channel):
    # given
    variant = listed_variant(channel)
    checkout = create_checkout(channel=channel, actor=None, lines=[LineInput(variant.pk, 1)])

    # when
    with pytest.raises(CheckoutNotReady) as exc:
        complete_checkout(checkout, actor=None, gateway=BANK)

    # then
    assert {p.code for p in exc.value.problems} == {
        "email_required",
        "shipping_address_required",
        "delivery_method_required",
    }
    assert not Order.objects.exists()


def test_complete_checkout_unknown_gateway_refused(channel, courier):
    # given
    checkout = ready_checkout(channel, [(listed_variant(channel), 1)], method=courier)

    # when
    with pytest.raises(PaymentError) as exc:
        complete_checkout(checkout, actor=None, gateway="cheque")

    # then
    assert exc.value.code == "gateway_not_available"
    assert Checkout.objects.filter(pk=checkout.pk).exists()


def test_complete_checkout_deleted_checkout_not_found(channel, courier):
    # given
    checkout = ready_checkout(channel, [(listed_variant(channel), 1)], method=courier)
    Checkout.objects.filter(pk=checkout.pk).delete()

    # when
    with pytest.raises(CheckoutError) as exc:
        complete_checkout(checkout, actor=None, gateway=BANK)

    # then
    assert exc.value.codes == [CheckoutErrorCode.NOT_FOUND]


def test_complete_checkout_one_and_ten_lines_same_query_count(channel, courier):
    # given
    producers = [new_producer() for _ in range(2)]
    variants = [listed_variant(channel, producer=producers[i % 2]) for i in range(10)]
    one = ready_checkout(channel, [(variants[0], 1), (variants[1], 1)], method=courier)
    ten = ready_checkout(channel, [(v, 1) for v in variants], method=courier)
    counts = []

    # when
    for checkout in (one, ten):
        with CaptureQueriesContext(connection) as ctx:
            complete_checkout(checkout, actor=None, gateway=BANK)
        counts.append(len(ctx.captured_queries))

    # then
    # the early idempotency read, 9 to re-read and price (6, and the shipping tables' methods,
    # rules and thresholds), 3 inserts, 2 stock reads and 2 allocation writes, payment, event,
    # 5 to delete the checkout (with its lines' campaign links), and 2 savepoint statements
    assert counts == [27, 27]
