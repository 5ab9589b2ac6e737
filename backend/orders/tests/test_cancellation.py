from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from backend.checkout.tests.scenarios import listed_variant, ready_checkout
from backend.orders.cancellation import cancel_order
from backend.orders.complete_checkout import complete_checkout
from backend.orders.errors import OrderError, OrderErrorCode
from backend.orders.models import OrderEvent, OrderEventType, OrderStatus
from backend.orders.tasks import expire_unpaid_orders_task
from backend.payments.models import Payment, PaymentState
from backend.payments.offline import confirm_offline_payment
from backend.warehouse.models import Allocation, Stock


def allocated(variant) -> int:  # type: ignore[no-untyped-def]
    return Stock.objects.get(product_variant=variant).quantity_allocated


@pytest.fixture
def variant(channel):  # type: ignore[no-untyped-def]
    return listed_variant(channel, stock=5)


def place(channel, courier, variant, gateway="offline.bank_transfer"):  # type: ignore[no-untyped-def]
    checkout = ready_checkout(channel, [(variant, 2)], method=courier)
    return complete_checkout(checkout, actor=None, gateway=gateway)


def test_cancel_order_unpaid_releases_stock_and_cancels_payment(channel, courier, variant, buyer):
    # given
    order = place(channel, courier, variant)
    assert allocated(variant) == 2

    # when
    cancel_order(order, actor=buyer)

    # then
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert allocated(variant) == 0
    assert not Allocation.objects.exists()
    assert Payment.objects.get(order=order).state == PaymentState.CANCELLED
    event = OrderEvent.objects.get(order=order, type=OrderEventType.CANCELLED)
    assert (event.user, event.data["released_units"]) == (buyer, 2)


def test_cancel_order_paid_refused(channel, courier, variant):
    # given
    order = place(channel, courier, variant)
    confirm_offline_payment(order, actor=None)

    # when
    with pytest.raises(OrderError) as exc:
        cancel_order(order, actor=None)

    # then
    assert exc.value.code == OrderErrorCode.ORDER_IS_PAID
    assert allocated(variant) == 2


def test_expire_unpaid_orders_lapsed_bank_transfer_cancelled_stock_freed(channel, courier, variant):
    # given
    lapsed = place(channel, courier, variant)
    current = place(channel, courier, variant)
    Payment.objects.filter(order=lapsed).update(expires_at=timezone.now() - timedelta(minutes=1))

    # when
    expired = expire_unpaid_orders_task.delay().get()

    # then
    assert expired == 1
    lapsed.refresh_from_db()
    current.refresh_from_db()
    assert (lapsed.status, current.status) == (OrderStatus.CANCELLED, OrderStatus.UNCONFIRMED)
    assert allocated(variant) == 2
    assert OrderEvent.objects.filter(order=lapsed, type=OrderEventType.EXPIRED).exists()


def test_expire_unpaid_orders_cash_on_delivery_never_expires(channel, courier, variant):
    # given
    order = place(channel, courier, variant, gateway="offline.cash_on_delivery")

    # when
    expire_unpaid_orders_task.delay().get()

    # then
    order.refresh_from_db()
    assert order.status == OrderStatus.UNCONFIRMED
    assert Payment.objects.get(order=order).expires_at is None
