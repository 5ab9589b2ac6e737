from __future__ import annotations

import pytest

from backend.checkout.tests.scenarios import listed_variant, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.errors import OrderError, OrderErrorCode
from backend.orders.fulfilment import fulfil_sub_order
from backend.orders.models import OrderStatus
from backend.payments.offline import confirm_offline_payment
from backend.warehouse.models import Stock


@pytest.fixture
def paid_order(channel, courier):  # type: ignore[no-untyped-def]
    a, b = listed_variant(channel, stock=5), listed_variant(channel, stock=5)
    from backend.catalog.models import Product

    Product.objects.filter(pk=b.product_id).update(producer=a.product.producer)
    order = complete_checkout(
        ready_checkout(channel, [(a, 2), (b, 1)], method=courier),
        actor=None,
        gateway="offline.bank_transfer",
    )
    confirm_offline_payment(order, actor=None)
    return order


def test_fulfil_sub_order_in_two_parcels_partially_then_fully_fulfilled(paid_order):
    # given
    sub_order = paid_order.sub_orders.get()
    first, second = paid_order.lines.order_by("pk")

    # when
    fulfil_sub_order(
        sub_order, actor=None, carrier="中国邮政", tracking_number="P1", quantities={first.pk: 1}
    )
    sub_order.refresh_from_db()
    status_after_first = sub_order.status
    fulfil_sub_order(sub_order, actor=None, carrier="中国邮政", tracking_number="P2")

    # then
    sub_order.refresh_from_db()
    assert status_after_first == OrderStatus.PARTIALLY_FULFILLED
    assert sub_order.status == OrderStatus.FULFILLED
    assert [f.tracking_number for f in sub_order.fulfillments.all()] == ["P1", "P2"]
    assert sorted(
        Stock.objects.filter(
            product_variant_id__in=[first.variant_id, second.variant_id]
        ).values_list("quantity", "quantity_allocated")
    ) == [(3, 0), (4, 0)]


def test_fulfil_sub_order_more_than_ordered_refused(paid_order):
    # given
    sub_order = paid_order.sub_orders.get()
    line = paid_order.lines.order_by("pk").first()

    # when
    with pytest.raises(OrderError) as exc:
        fulfil_sub_order(sub_order, actor=None, carrier="EMS", quantities={line.pk: 3})

    # then
    assert (exc.value.code, exc.value.field) == (OrderErrorCode.INVALID_QUANTITY, "lines")
    line.refresh_from_db()
    assert line.quantity_fulfilled == 0
