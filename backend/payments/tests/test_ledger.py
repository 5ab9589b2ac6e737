from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import override_settings

from backend.checkout.tests.scenarios import listed_variant, new_producer, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.models import OrderStatus, PaymentStatus
from backend.payments.errors import PaymentError, PaymentErrorCode
from backend.payments.ledger import producer_balance
from backend.payments.models import LedgerEntryKind, Payment, PaymentState, ProducerLedgerEntry
from backend.payments.offline import confirm_offline_payment
from backend.payments.payouts import reconcile_ledger, run_payouts
from backend.payments.refunds import refund_sub_order
from backend.warehouse.models import Stock


def paid_order(channel, courier, producer, price="33.33", quantity=3, weight=500):  # type: ignore[no-untyped-def]
    variant = listed_variant(channel, producer=producer, price=price, stock=20, weight_grams=weight)
    order = complete_checkout(
        ready_checkout(channel, [(variant, quantity)], method=courier),
        actor=None,
        gateway="offline.bank_transfer",
    )
    confirm_offline_payment(order, actor=None)
    return order


@pytest.fixture
def producer(db):  # type: ignore[no-untyped-def]
    return new_producer()


@override_settings(PLATFORM_FEE_RATE=Decimal("0.0333"))
def test_record_sale_entries_fee_rounded_half_up_and_frozen(channel, courier, producer):
    # given: 3 × 33.33 + shipping 11.00 (1.5 kg) = 110.99; fee 3.695967 → 3.70
    order = paid_order(channel, courier, producer)

    # when
    with override_settings(PLATFORM_FEE_RATE=Decimal("0.5")):
        refund_sub_order(order.sub_orders.get(), amount=Decimal("10.00"), actor=None)

    # then
    sale, reversal = ProducerLedgerEntry.objects.order_by("pk")
    assert (sale.kind, sale.gross_amount, sale.fee_rate, sale.fee_amount, sale.net_amount) == (
        LedgerEntryKind.SALE,
        Decimal("110.99"),
        Decimal("0.0333"),
        Decimal("3.70"),
        Decimal("107.29"),
    )
    assert (reversal.gross_amount, reversal.fee_rate, reversal.fee_amount, reversal.net_amount) == (
        Decimal("-10.00"),
        Decimal("0.0333"),
        Decimal("-0.33"),
        Decimal("-9.67"),
    )
    assert producer_balance(producer).amount == Decimal("97.62")


def test_refund_sub_order_full_before_shipping_releases_stock(channel, courier, producer):
    # given
    order = paid_order(channel, courier, producer)
    sub_order = order.sub_orders.get()

    # when
    refund_sub_order(sub_order, actor=None)

    # then
    sub_order.refresh_from_db()
    order.refresh_from_db()
    assert (sub_order.status, sub_order.refunded_amount) == (
        OrderStatus.REFUNDED,
        Decimal("110.99"),
    )
    assert order.payment_status == PaymentStatus.FULLY_REFUNDED
    assert Payment.objects.get(order=order).state == PaymentState.REFUNDED
    assert Stock.objects.get(product_variant__order_lines__order=order).quantity_allocated == 0
    assert producer_balance(producer).amount == Decimal("0.00")


def test_refund_sub_order_more_than_paid_refused(channel, courier, producer):
    # given
    order = paid_order(channel, courier, producer)
    sub_order = order.sub_orders.get()
    refund_sub_order(sub_order, amount=Decimal("100.00"), actor=None)

    # when
    with pytest.raises(PaymentError) as exc:
        refund_sub_order(sub_order, amount=Decimal("11.00"), actor=None)

    # then
    assert (exc.value.code, exc.value.field) == (PaymentErrorCode.INVALID_AMOUNT, "amount")
    sub_order.refresh_from_db()
    assert sub_order.refunded_amount == Decimal("100.00")
    assert sub_order.status == OrderStatus.UNFULFILLED  # before shipping the status stays


def test_run_payouts_pays_open_balances_and_ledger_reconciles(channel, courier):
    # given
    first, second = new_producer(), new_producer()
    paid_order(channel, courier, first, price="19.99", quantity=1)  # 19.99 + 8.00
    order = paid_order(
        channel, courier, second, price="0.01", quantity=7, weight=100
    )  # 0.07 + 8.00

    # when
    run = run_payouts(actor=None)
    refund_sub_order(order.sub_orders.get(), amount=Decimal("1.00"), actor=None)
    second_run = run_payouts(actor=None)

    # then
    assert run is not None
    assert {p.producer_id: p.amount for p in run.payouts.all()} == {
        first.pk: Decimal("27.99"),
        second.pk: Decimal("8.07"),
    }
    assert run.total_amount == Decimal("36.06")
    assert second_run is None  # the refund leaves a negative balance, carried forward
    assert producer_balance(second).amount == Decimal("-1.00")
    assert producer_balance(first).amount == Decimal("0.00")
    reconciliation = reconcile_ledger()
    assert reconciliation.balanced
    assert (reconciliation.entries_net, reconciliation.paid_out, reconciliation.open_balance) == (
        Decimal("35.06"),
        Decimal("36.06"),
        Decimal("-1.00"),
    )
