from __future__ import annotations

import pytest

from backend.checkout.tests.scenarios import listed_variant, new_user, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.lookups import (
    get_order_by_token,
    get_sub_order_for_producer,
    orders_for_customer,
    sub_orders_for_producer,
)
from backend.orders.models import Order, SubOrder


@pytest.fixture
def shared_order(channel, courier, producer, other_producer, buyer):  # type: ignore[no-untyped-def]
    lines = [
        (listed_variant(channel, producer=producer), 1),
        (listed_variant(channel, producer=other_producer), 2),
    ]
    checkout = ready_checkout(channel, lines, method=courier, user=buyer)
    return complete_checkout(checkout, actor=buyer, gateway="offline.bank_transfer")


def test_orders_for_customer_other_customer_sees_nothing(shared_order, buyer):
    # given
    stranger = new_user()

    # when
    mine, theirs = list(orders_for_customer(buyer)), list(orders_for_customer(stranger))

    # then
    assert mine == [shared_order]
    assert theirs == []


def test_sub_orders_for_producer_other_producers_part_invisible(
    shared_order, producer, other_producer
):
    # given
    other_part = SubOrder.objects.get(order=shared_order, producer=other_producer)

    # when
    visible = list(sub_orders_for_producer(producer))

    # then
    assert [s.producer_id for s in visible] == [producer.pk]
    assert {line.producer_id for line in visible[0].lines.all()} == {producer.pk}
    with pytest.raises(SubOrder.DoesNotExist):
        get_sub_order_for_producer(other_part.pk, producer)
    with pytest.raises(SubOrder.DoesNotExist):
        get_sub_order_for_producer(987654, producer)


@pytest.mark.parametrize("token", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_get_order_by_token_unknown_or_malformed_does_not_exist(shared_order, token):
    # given / when / then
    with pytest.raises(Order.DoesNotExist):
        get_order_by_token(token)
    assert get_order_by_token(str(shared_order.token)) == shared_order
