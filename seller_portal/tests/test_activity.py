"""The activity list: "by helper X for seller Y", newest first, paginated, constant queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from backend.catalog.product_editing import ProductDraft, create_product, update_product_details
from backend.catalog.tests.factories import ChannelFactory
from backend.orders.fulfilment import fulfil_sub_order
from backend.sellers.models import HelperKind, HelperScope
from backend.sellers.tests.factories import HelperGrantFactory
from seller_portal.activity_queries import PAGE_SIZE

pytestmark = pytest.mark.django_db


def _product(shop, actor, name="党参"):  # type: ignore[no-untyped-def]
    return create_product(
        shop,
        ProductDraft(name, None, "", "500克", Decimal("10.00"), 500, 5),
        channel=ChannelFactory.create(),
        actor=actor,
    )


def _url(shop) -> str:  # type: ignore[no-untyped-def]
    return f"/en/seller/shop/{shop.pk}/activity/"


def test_activity_says_by_helper_for_seller_newest_first(client, seller, shop):
    # given
    helper = HelperGrantFactory(
        seller=shop, scope=HelperScope.ALL, kind=HelperKind.MENTOR, helper__name="辅导员小王"
    ).helper
    _product(shop, seller, "黄芪")
    product = _product(shop, helper, "党参")
    update_product_details(product, actor=helper, name="渭源党参")
    client.force_login(seller)
    # when
    html = client.get(_url(shop)).content.decode()
    # then
    assert "by helper 辅导员小王 for 卖家甲 · incubation mentor" in html
    assert html.count("by helper 辅导员小王") == 2
    assert "by 卖家甲" in html
    assert html.index("Product updated") < html.index("黄芪")  # newest first
    assert "渭源党参" in html


def test_activity_shows_an_order_shipped_by_a_helper(client, seller, shop, place_paid_order):
    # given
    helper = HelperGrantFactory(seller=shop, scope=HelperScope.ORDERS, helper__name="小王").helper
    sub_order = place_paid_order().sub_orders.get(producer=shop)
    fulfil_sub_order(sub_order, actor=helper, carrier="顺丰速运", tracking_number="SF123")
    client.force_login(seller)
    # when
    html = client.get(_url(shop)).content.decode()
    # then
    assert "Shipped" in html
    assert "顺丰速运 SF123" in html
    assert "by helper 小王 for 卖家甲 · volunteer (志愿者)" in html


def test_activity_only_helpers_filter(client, seller, shop):
    helper = HelperGrantFactory(seller=shop, helper__name="小王").helper
    _product(shop, seller, "黄芪")
    _product(shop, helper, "党参")
    client.force_login(seller)
    html = client.get(_url(shop) + "?who=helpers").content.decode()
    assert "党参" in html
    assert "黄芪" not in html
    assert 'href="?who=helpers" aria-current="page"' in html


def test_activity_is_paginated(client, seller, shop):
    # given
    product = _product(shop, seller)
    for number in range(PAGE_SIZE):
        update_product_details(product, actor=seller, description=f"说明 {number}")
    client.force_login(seller)
    # when
    first = client.get(_url(shop)).content.decode()
    second = client.get(_url(shop) + "?who=all&page=2").content.decode()
    # then
    assert "Page 1 of 2" in first
    assert "Next page" in first
    assert "Page 2 of 2" in second
    assert "Product created" in second


@pytest.mark.parametrize("count", [1, 12])
def test_activity_query_count_does_not_grow_with_rows(
    client, seller, shop, place_paid_order, django_assert_num_queries, count
):
    # given: products by a helper and a shipped order, `count` times
    helper = HelperGrantFactory(seller=shop).helper
    for _ in range(count):
        _product(shop, helper)
    fulfil_sub_order(place_paid_order().sub_orders.get(producer=shop), actor=helper, carrier="x")
    client.force_login(seller)
    # when / then: session, user, shop, count, page keys, audit rows, order events,
    # grants, product names, the shop's owner
    with django_assert_num_queries(10):
        response = client.get(_url(shop))
    assert response.content.decode().count("by helper") == count + 1


def test_activity_of_another_shop_is_404(client, seller, shop, other_producer):
    client.force_login(seller)
    assert client.get(_url(other_producer)).status_code == 404


def test_activity_helper_with_orders_scope_cannot_see_it(client, shop):
    helper = HelperGrantFactory(seller=shop, scope=HelperScope.ORDERS).helper
    client.force_login(helper)
    assert client.get(_url(shop)).status_code == 404


def test_activity_anonymous_is_sent_to_sign_in():
    response = Client().get("/en/seller/shop/1/activity/")
    assert response.status_code == 302
