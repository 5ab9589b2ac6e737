from __future__ import annotations

import pytest

from backend.checkout.tests.scenarios import listed_variant, new_producer, ready_checkout
from backend.orders.cancellation import cancel_order
from backend.orders.complete_checkout import complete_checkout
from backend.orders.models import OrderEvent, OrderEventType, OrderStatus, PaymentStatus
from backend.payments.errors import PaymentError, PaymentErrorCode
from backend.payments.gateways import available_gateways
from backend.payments.models import (
    PaymentState,
    PaymentTransaction,
    ProducerLedgerEntry,
    TransactionKind,
)
from backend.payments.offline import confirm_offline_payment


@pytest.fixture
def order(channel, courier):  # type: ignore[no-untyped-def]
    lines = [(listed_variant(channel, producer=new_producer()), 1) for _ in range(2)]
    return complete_checkout(
        ready_checkout(channel, lines, method=courier), actor=None, gateway="offline.bank_transfer"
    )


def test_available_gateways_offline_ones_listed():
    # given / when
    ids = {gateway.id for gateway in available_gateways()}

    # then
    assert {"offline.bank_transfer", "offline.cash_on_delivery"} <= ids


def test_confirm_offline_payment_charges_confirms_and_writes_ledger(order, buyer):
    # given
    operator = buyer

    # when
    payment = confirm_offline_payment(order, actor=operator)

    # then
    order.refresh_from_db()
    assert (payment.state, payment.captured_amount) == (PaymentState.CHARGED, order.total_amount)
    assert order.payment_status == PaymentStatus.FULLY_CHARGED
    assert order.status == OrderStatus.UNFULFILLED
    assert set(order.sub_orders.values_list("status", flat=True)) == {OrderStatus.UNFULFILLED}
    assert ProducerLedgerEntry.objects.filter(sub_order__order=order).count() == 2
    capture = PaymentTransaction.objects.get(payment=payment)
    assert (capture.kind, capture.actor) == (TransactionKind.CAPTURE, operator)
    assert OrderEvent.objects.filter(order=order, type=OrderEventType.PAYMENT_CAPTURED).exists()


def test_confirm_offline_payment_twice_changes_nothing_more(order):
    # given
    confirm_offline_payment(order, actor=None)

    # when
    confirm_offline_payment(order, actor=None)

    # then
    assert PaymentTransaction.objects.filter(payment__order=order).count() == 1
    assert ProducerLedgerEntry.objects.filter(sub_order__order=order).count() == 2


def test_confirm_offline_payment_cancelled_order_refused(order):
    # given
    cancel_order(order, actor=None)

    # when
    with pytest.raises(PaymentError) as exc:
        confirm_offline_payment(order, actor=None)

    # then
    assert exc.value.code == PaymentErrorCode.INVALID_STATE
    assert not ProducerLedgerEntry.objects.exists()
