"""Delivery pages of the portal: a shop records a parcel's step; pickup point staff record
arrival and collection. Authorization matrix over build_people(), then behaviour."""

from __future__ import annotations

import re

import pytest

from backend.catalog.tests.factories import ChannelFactory
from backend.checkout.models import ShippingMethod
from backend.checkout.tests.factories import ShippingRateFactory, shipping_method
from backend.checkout.tests.scenarios import listed_variant
from backend.delivery.models import DeliveryStatus, DeliveryUpdate
from backend.delivery.tests.factories import PickupPointStaffFactory
from backend.delivery.tests.scenarios import checkout_to_point, new_point, paid_order, shipped
from backend.orders.models import OrderStatus
from backend.sellers.tests.scenarios import ROLES, build_people

pytestmark = pytest.mark.django_db

OWNERS = {"owner", "co_owner"}
ORDERS = OWNERS | {"helper_all", "helper_orders"}
SIGN_IN = {"anonymous", "inactive_helper", "inactive_owner"}


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    """build_people()'s shop sold to a buyer collecting at a village station; shipped. The
    station has one staff member; another station has another."""
    people = build_people()
    ShippingMethod.objects.update(is_active=False)
    postie = shipping_method(name="邮政", supports_cold_chain=False)
    ShippingRateFactory(method=postie)
    point = new_point(name="田家河村服务站", couriers=[postie])
    other_point = new_point(name="别的服务站", couriers=[postie])
    staff = PickupPointStaffFactory(pickup_point=point).user
    other_staff = PickupPointStaffFactory(pickup_point=other_point).user
    channel = ChannelFactory()
    variant = listed_variant(channel, producer=people.shop)
    order = paid_order(checkout_to_point(channel, [(variant, 1)], point))
    sub_order = shipped(order.sub_orders.get())
    return people, point, other_point, staff, other_staff, sub_order


def _sign_in(client, user):  # type: ignore[no-untyped-def]
    if user is not None and user.is_authenticated:
        client.force_login(user)


@pytest.mark.parametrize("role", ROLES)
def test_parcel_step_page_and_post_answer_each_role_as_the_policy_says(client, world, role):
    # given
    people, point, _other, _staff, _other_staff, sub_order = world
    _sign_in(client, people[role])
    url = f"/en/seller/shop/{people.shop.pk}/parcels/{sub_order.pk}/step/"

    # when
    page = client.get(url).status_code
    post = client.post(
        url, {"status": DeliveryStatus.DROPPED_AT_PICKUP_POINT, "pickup_point": point.pk}
    ).status_code

    # then
    if role in SIGN_IN:
        assert (page, post) == (302, 302)
    elif role in ORDERS:
        assert (page, post) == (200, 302)
    else:
        assert (page, post) == (404, 404)
    recorded = DeliveryUpdate.objects.filter(status=DeliveryStatus.DROPPED_AT_PICKUP_POINT)
    assert recorded.count() == (1 if role in ORDERS else 0)


@pytest.mark.parametrize("role", ROLES)
def test_parcel_step_of_another_shops_url_not_found_like_a_missing_shop(client, world, role):
    # given
    people, *_rest, sub_order = world
    _sign_in(client, people[role])

    # when
    other_shop = client.get(f"/en/seller/shop/{people.other_shop.pk}/parcels/{sub_order.pk}/step/")
    missing = client.get(f"/en/seller/shop/999999/parcels/{sub_order.pk}/step/")

    # then
    expected = 302 if role in SIGN_IN else 404
    assert (other_shop.status_code, missing.status_code) == (expected, expected)


@pytest.mark.parametrize("role", [*ROLES, "point_staff", "other_point_staff"])
def test_pickup_point_pages_only_that_points_staff(client, world, role):
    # given
    people, point, _other, staff, other_staff, sub_order = world
    user = {"point_staff": staff, "other_point_staff": other_staff}.get(role) or people[role]
    _sign_in(client, user)
    base = f"/en/seller/pickup-points/{point.pk}/"

    # when
    listing = client.get("/en/seller/pickup-points/").status_code
    parcels = client.get(base).status_code
    arrival = client.post(
        f"{base}parcels/{sub_order.pk}/", {"status": DeliveryStatus.AT_PICKUP_POINT}
    ).status_code

    # then
    if role in SIGN_IN:
        assert (listing, parcels, arrival) == (302, 302, 302)
    elif role == "point_staff":
        assert (listing, parcels, arrival) == (200, 200, 302)
    else:
        assert (listing, parcels, arrival) == (200, 404, 404)
    arrived = DeliveryUpdate.objects.filter(status=DeliveryStatus.AT_PICKUP_POINT).count()
    assert arrived == (1 if role == "point_staff" else 0)


def test_parcel_step_drop_off_without_a_point_keeps_the_answers_and_links_the_error(client, world):
    # given
    people, *_rest, sub_order = world
    client.force_login(people.user("owner"))
    url = f"/en/seller/shop/{people.shop.pk}/parcels/{sub_order.pk}/step/"

    # when
    response = client.post(
        url, {"status": DeliveryStatus.DROPPED_AT_PICKUP_POINT, "note": "下午三点送到"}
    )

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<a href="#id_pickup_point">Choose the pickup point where you left the parcel</a>' in html
    )
    assert 'value="下午三点送到"' in html
    assert re.search(r'value="dropped_off"[^>]* checked', html)
    assert not DeliveryUpdate.objects.exists()


def test_parcel_step_offers_points_near_the_shop_and_records_the_drop_off(client, world):
    # given
    people, point, *_rest, sub_order = world
    client.force_login(people.user("helper_orders"))
    url = f"/en/seller/shop/{people.shop.pk}/parcels/{sub_order.pk}/step/"

    # when
    page = client.get(url).content.decode()
    client.post(url, {"status": "dropped_off", "pickup_point": point.pk, "note": "已放站里"})
    detail = client.get(f"/en/seller/shop/{people.shop.pk}/orders/{sub_order.pk}/")

    # then
    assert "田家河村服务站 (village service station)" in page
    update = DeliveryUpdate.objects.get()
    assert (update.status, update.pickup_point, update.note) == ("dropped_off", point, "已放站里")
    html = detail.content.decode()
    assert "Dropped off at a pickup point · 田家河村服务站 · 已放站里" in html
    assert "The buyer collects it from a pickup point" in html


def test_point_staff_page_lists_parcels_with_masked_buyer_and_records_collection(client, world):
    # given
    _people, point, _other, staff, _other_staff, sub_order = world
    client.force_login(staff)
    base = f"/en/seller/pickup-points/{point.pk}/"

    # when
    page = client.get(base).content.decode()
    client.post(f"{base}parcels/{sub_order.pk}/", {"status": "at_pickup_point"})
    collected = client.post(f"{base}parcels/{sub_order.pk}/", {"status": "collected"}, follow=True)

    # then
    order = sub_order.order
    assert f'<th scope="row">{order.pk}</th>' in page
    assert order.recipient_name not in page
    assert order.mobile[-4:] in page
    sub_order.refresh_from_db()
    assert sub_order.status == OrderStatus.COMPLETED
    assert sub_order.delivered_at is not None
    assert "No parcels are on their way here." in collected.content.decode()


def test_point_staff_cannot_record_a_parcel_bound_elsewhere(client, world):
    # given a parcel of an order to another point
    _people, _point, other_point, staff, _other_staff, sub_order = world
    client.force_login(staff)

    # when
    response = client.post(
        f"/en/seller/pickup-points/{other_point.pk}/parcels/{sub_order.pk}/",
        {"status": "collected"},
    )

    # then
    assert response.status_code == 404
    assert not DeliveryUpdate.objects.exists()


@pytest.mark.parametrize("parcels", [1, 3])
def test_point_staff_page_costs_the_same_queries_for_1_and_3_parcels(
    client, world, django_assert_num_queries, parcels
):
    # given more shipped orders bound for the point
    people, point, _other, staff, _other_staff, sub_order = world
    channel = sub_order.order.channel
    for _ in range(parcels - 1):
        variant = listed_variant(channel, producer=people.shop)
        shipped(paid_order(checkout_to_point(channel, [(variant, 1)], point)).sub_orders.get())
    client.force_login(staff)
    url = f"/en/seller/pickup-points/{point.pk}/"
    client.get(url)

    # when / then: session, user, the point, parcels with orders and producers, their steps
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.content.decode().count("Collected by the buyer<") == parcels
