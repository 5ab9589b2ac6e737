from __future__ import annotations

import pytest

from backend.checkout.tests.scenarios import listed_variant, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.confirmation import confirm_order
from backend.orders.errors import IllegalStatusTransition
from backend.orders.fulfilment import complete_sub_order, fulfil_sub_order
from backend.orders.models import OrderEvent, OrderEventType, OrderStatus, SubOrder
from backend.orders.status import TRANSITIONS, can_transition, summarise_status

S = OrderStatus


@pytest.mark.parametrize(
    ("current", "requested"),
    [
        (S.UNCONFIRMED, S.FULFILLED),
        (S.UNCONFIRMED, S.COMPLETED),
        (S.UNCONFIRMED, S.REFUNDED),
        (S.UNFULFILLED, S.COMPLETED),
        (S.UNFULFILLED, S.UNCONFIRMED),
        (S.PARTIALLY_FULFILLED, S.CANCELLED),
        (S.FULFILLED, S.CANCELLED),
        (S.FULFILLED, S.UNFULFILLED),
        (S.COMPLETED, S.FULFILLED),
        (S.CANCELLED, S.UNFULFILLED),
        (S.REFUNDED, S.PARTIALLY_REFUNDED),
        (S.PARTIALLY_REFUNDED, S.FULFILLED),
    ],
)
def test_can_transition_illegal_moves_refused(current, requested):
    # given / when
    allowed = can_transition(current, requested)

    # then
    assert not allowed


def test_transitions_final_states_lead_nowhere():
    # given / when
    finals = {status for status, targets in TRANSITIONS.items() if not targets}

    # then
    assert finals == {S.CANCELLED, S.REFUNDED}
    assert set(TRANSITIONS) == set(OrderStatus.values)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([S.UNFULFILLED, S.UNFULFILLED], S.UNFULFILLED),
        ([S.UNFULFILLED, S.CANCELLED], S.UNFULFILLED),
        ([S.CANCELLED, S.CANCELLED], S.CANCELLED),
        ([S.FULFILLED, S.UNFULFILLED], S.PARTIALLY_FULFILLED),
        ([S.FULFILLED, S.COMPLETED], S.FULFILLED),
        ([S.UNCONFIRMED, S.UNFULFILLED], S.UNCONFIRMED),
        ([S.REFUNDED, S.FULFILLED], S.PARTIALLY_REFUNDED),
        ([S.REFUNDED, S.REFUNDED], S.REFUNDED),
    ],
)
def test_summarise_status_of_sub_orders(statuses, expected):
    # given / when
    summary = summarise_status(statuses)

    # then
    assert summary == expected


@pytest.fixture
def order(channel, courier):  # type: ignore[no-untyped-def]
    variant = listed_variant(channel, stock=5)
    checkout = ready_checkout(channel, [(variant, 2)], method=courier)
    return complete_checkout(checkout, actor=None, gateway="offline.cash_on_delivery")


def test_fulfil_sub_order_unconfirmed_refused_and_nothing_changes(order):
    # given
    sub_order = order.sub_orders.get()

    # when
    with pytest.raises(IllegalStatusTransition) as exc:
        fulfil_sub_order(sub_order, actor=None, carrier="EMS")

    # then
    assert (exc.value.current, exc.value.requested) == (S.UNCONFIRMED, S.FULFILLED)
    assert exc.value.code == "illegal_status_transition"
    sub_order.refresh_from_db()
    assert sub_order.status == S.UNCONFIRMED
    assert not sub_order.fulfillments.exists()


def test_complete_sub_order_before_shipping_refused(order, buyer):
    # given
    confirm_order(order, actor=buyer)
    sub_order = order.sub_orders.get()

    # when
    with pytest.raises(IllegalStatusTransition):
        complete_sub_order(sub_order, actor=buyer)

    # then
    assert SubOrder.objects.get(pk=sub_order.pk).status == S.UNFULFILLED


def test_status_changes_recorded_as_events_with_actor(order, buyer):
    # given
    confirm_order(order, actor=buyer)
    sub_order = order.sub_orders.get()

    # when
    fulfil_sub_order(sub_order, actor=buyer, carrier="EMS", tracking_number="E1")
    complete_sub_order(sub_order, actor=buyer)

    # then
    changes = list(
        OrderEvent.objects.filter(order=order, type=OrderEventType.STATUS_CHANGED).values_list(
            "data__old", "data__new", "user"
        )
    )
    assert changes == [
        (S.UNCONFIRMED, S.UNFULFILLED, buyer.pk),
        (S.UNFULFILLED, S.FULFILLED, buyer.pk),
        (S.FULFILLED, S.COMPLETED, buyer.pk),
    ]
    order.refresh_from_db()
    assert order.status == S.COMPLETED
