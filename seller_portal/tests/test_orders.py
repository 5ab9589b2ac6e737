from __future__ import annotations

import pytest
from django.test import Client

from backend.accounts.tests.factories import UserFactory
from backend.checkout.tests.scenarios import new_producer
from backend.orders.models import OrderEvent, OrderEventType, OrderStatus

pytestmark = pytest.mark.django_db


def _urls(shop, sub_order):  # type: ignore[no-untyped-def]
    base = f"/en/seller/shop/{shop.pk}/orders/"
    return base, f"{base}{sub_order.pk}/", f"{base}{sub_order.pk}/packing-slip/"


def test_order_list_shows_only_this_shops_part_of_a_shared_order(
    client, seller, shop, place_paid_order
):
    # given an order with items from this shop and from another producer
    other = new_producer(name="别家")
    order = place_paid_order(other_producer=other)
    client.force_login(seller)
    # when
    html = client.get(f"/en/seller/shop/{shop.pk}/orders/").content.decode()
    # then
    mine = order.lines.get(producer=shop)
    theirs = order.lines.get(producer=other)
    assert mine.product_name in html
    assert theirs.product_name not in html
    assert 'aria-current="page"' in html


def test_order_detail_ship_with_carrier_and_tracking_marks_fulfilled_with_event(
    client, seller, shop, place_paid_order
):
    # given
    order = place_paid_order()
    sub_order = order.sub_orders.get(producer=shop)
    _, detail, _ = _urls(shop, sub_order)
    client.force_login(seller)
    # when
    response = client.post(detail, {"carrier": "顺丰速运", "tracking_number": "sf 1234 5678"})
    # then
    assert response.status_code == 302
    sub_order.refresh_from_db()
    assert sub_order.status == OrderStatus.FULFILLED
    parcel = sub_order.fulfillments.get()
    assert (parcel.carrier, parcel.tracking_number) == ("顺丰速运", "SF12345678")
    event = OrderEvent.objects.get(order=order, type=OrderEventType.FULFILLED)
    assert event.user == seller
    page = client.get(detail).content.decode()
    assert "SF12345678" in page
    assert "Mark as shipped</button>" not in page


def test_order_detail_missing_tracking_number_keeps_answers_and_links_the_error(
    client, seller, shop, place_paid_order
):
    # given
    order = place_paid_order()
    sub_order = order.sub_orders.get(producer=shop)
    _, detail, _ = _urls(shop, sub_order)
    client.force_login(seller)
    # when
    response = client.post(detail, {"carrier": "中通快递", "tracking_number": ""})
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html
    assert 'href="#id_tracking_number"' in html
    assert '<option value="中通快递" selected>' in html
    sub_order.refresh_from_db()
    assert sub_order.status == OrderStatus.UNFULFILLED


def test_order_detail_self_delivery_needs_no_tracking_number(
    client, seller, shop, place_paid_order
):
    order = place_paid_order()
    sub_order = order.sub_orders.get(producer=shop)
    _, detail, _ = _urls(shop, sub_order)
    client.force_login(seller)
    assert client.post(detail, {"carrier": "self"}).status_code == 302
    sub_order.refresh_from_db()
    assert sub_order.status == OrderStatus.FULFILLED


def test_order_detail_shipping_twice_is_refused_with_a_message(
    client, seller, shop, place_paid_order
):
    order = place_paid_order()
    sub_order = order.sub_orders.get(producer=shop)
    _, detail, _ = _urls(shop, sub_order)
    client.force_login(seller)
    client.post(detail, {"carrier": "self"})
    response = client.post(detail, {"carrier": "self"})
    assert response.status_code == 200
    assert "cannot be shipped now" in response.content.decode()
    assert sub_order.fulfillments.count() == 1


def test_packing_slip_lists_items_and_address_without_prices(
    client, seller, shop, place_paid_order
):
    order = place_paid_order()
    sub_order = order.sub_orders.get(producer=shop)
    _, _, slip = _urls(shop, sub_order)
    client.force_login(seller)
    html = client.get(slip).content.decode()
    line = sub_order.lines.get()
    assert line.product_name in html
    assert order.recipient_name in html
    assert "¥" not in html


@pytest.mark.parametrize("who", ["other_seller", "anonymous"])
def test_order_pages_of_another_shop_answer_like_a_missing_one(client, shop, place_paid_order, who):
    # given
    order = place_paid_order()
    sub_order = order.sub_orders.get(producer=shop)
    if who == "other_seller":
        stranger = UserFactory()
        new_producer(owner=stranger)
        client.force_login(stranger)
    # when / then
    for url in _urls(shop, sub_order):
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302
            assert "/seller/login/" in response["Location"]
        else:
            assert response.status_code == 404
    missing = f"/en/seller/shop/{shop.pk}/orders/999999/"
    if who == "other_seller":
        assert client.get(missing).status_code == 404
    assert client.post(_urls(shop, sub_order)[1], {"carrier": "self"}).status_code in (302, 404)
    sub_order.refresh_from_db()
    assert sub_order.status == OrderStatus.UNFULFILLED


def test_order_detail_post_without_csrf_is_refused(seller, shop, place_paid_order):
    order = place_paid_order()
    sub_order = order.sub_orders.get(producer=shop)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(seller)
    response = strict.post(_urls(shop, sub_order)[1], {"carrier": "self"})
    assert response.status_code == 403


@pytest.mark.parametrize("count", [1, 6])
def test_order_list_query_count_does_not_grow_with_orders(
    client, seller, shop, place_paid_order, django_assert_num_queries, count
):
    for _ in range(count):
        place_paid_order()
    client.force_login(seller)
    # session, user, shop, count, page of sub-orders (+order), lines
    with django_assert_num_queries(6):
        client.get(f"/en/seller/shop/{shop.pk}/orders/")
