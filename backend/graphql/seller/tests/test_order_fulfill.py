from __future__ import annotations

from typing import Any

import pytest

from backend.graphql.core.ids import to_global_id
from backend.graphql.seller.tests.operations import ORDER_FULFILL
from backend.orders.models import Fulfillment, OrderEvent, OrderEventType, OrderStatus

pytestmark = pytest.mark.django_db


def _variables(order: Any, shipped: list[tuple[int, int]], **extra: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "lines": [
            {"orderLineId": to_global_id("OrderLine", pk), "stocks": [{"quantity": q}]}
            for pk, q in shipped
        ],
        "carrier": "中国邮政",
        "trackingNumber": "EMS123",
        "notifyCustomer": True,
    }
    values.update(extra)
    return {"order": to_global_id("Order", str(order.token)), "input": values}


def _our_line(order: Any, people: Any) -> Any:
    return order.lines.get(producer=people.shop)


def test_order_fulfill_ships_own_sub_order_with_order_event(gql_as, people, shop_order):
    # given
    line = _our_line(shop_order, people)
    post = gql_as("helper_orders")

    # when
    response = post(ORDER_FULFILL, _variables(shop_order, [(line.pk, 2)]))

    # then
    payload = response.data["orderFulfill"]
    assert payload["errors"] == []
    [fulfillment] = payload["fulfillments"]
    assert fulfillment["trackingNumber"] == "EMS123"
    assert fulfillment["carrier"] == "中国邮政"
    assert fulfillment["lines"] == [{"quantity": 2}]
    ours = shop_order.sub_orders.get(producer=people.shop)
    theirs = shop_order.sub_orders.get(producer=people.other_shop)
    assert ours.status == OrderStatus.FULFILLED
    assert theirs.status != OrderStatus.FULFILLED
    event = OrderEvent.objects.get(type=OrderEventType.FULFILLED)
    assert (event.user, event.sub_order) == (people.user("helper_orders"), ours)


def test_order_fulfill_other_shops_line_of_same_order_not_found(gql_as, people, shop_order):
    # given
    their_line = shop_order.lines.get(producer=people.other_shop)
    post = gql_as("owner")

    # when
    response = post(ORDER_FULFILL, _variables(shop_order, [(their_line.pk, 1)]))

    # then
    [error] = response.data["orderFulfill"]["errors"]
    assert (error["field"], error["code"]) == ("orderLineId", "NOT_FOUND")
    assert not Fulfillment.objects.exists()


def test_order_fulfill_more_than_ordered_invalid(gql_as, people, shop_order):
    # given
    line = _our_line(shop_order, people)
    post = gql_as("owner")

    # when
    response = post(ORDER_FULFILL, _variables(shop_order, [(line.pk, 3)]))

    # then
    [error] = response.data["orderFulfill"]["errors"]
    assert (error["field"], error["code"]) == ("lines", "INVALID")
    assert not Fulfillment.objects.exists()


def test_order_fulfill_twice_second_is_invalid(gql_as, people, shop_order):
    # given
    line = _our_line(shop_order, people)
    post = gql_as("owner")
    post(ORDER_FULFILL, _variables(shop_order, [(line.pk, 2)]))

    # when
    response = post(ORDER_FULFILL, _variables(shop_order, [(line.pk, 1)]))

    # then
    [error] = response.data["orderFulfill"]["errors"]
    assert (error["field"], error["code"]) == ("lines", "INVALID")
    assert Fulfillment.objects.count() == 1


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"carrier": " "}, "carrier", "REQUIRED"),
        ({"lines": []}, "lines", "REQUIRED"),
    ],
)
def test_order_fulfill_missing_input_required(gql_as, people, shop_order, extra, field, code):
    # given
    line = _our_line(shop_order, people)
    post = gql_as("owner")

    # when
    response = post(ORDER_FULFILL, _variables(shop_order, [(line.pk, 1)], **extra))

    # then
    [error] = response.data["orderFulfill"]["errors"]
    assert (error["field"], error["code"]) == (field, code)
    assert not Fulfillment.objects.exists()


@pytest.mark.parametrize(
    ("order_id", "code"),
    [
        (to_global_id("Order", "0b3b7c5e-8a6f-4a43-9d8e-5c1f2f3a4b5c"), "NOT_FOUND"),
        (to_global_id("Order", "not-a-token"), "NOT_FOUND"),
        ("garbage", "GRAPHQL_ERROR"),
    ],
)
def test_order_fulfill_unknown_order_reported_on_order(gql_as, people, shop_order, order_id, code):
    # given
    line = _our_line(shop_order, people)
    post = gql_as("owner")
    variables = _variables(shop_order, [(line.pk, 1)])
    variables["order"] = order_id

    # when
    response = post(ORDER_FULFILL, variables)

    # then
    [error] = response.data["orderFulfill"]["errors"]
    assert (error["field"], error["code"]) == ("order", code)
