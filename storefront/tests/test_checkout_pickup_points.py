"""The delivery step with pickup points near the address, an order sent to one (review, order
page, timeline, "received"), and parcels that cannot be delivered shown before payment."""

from __future__ import annotations

import pytest

from backend.accounts.tests.factories import UserFactory
from backend.checkout.models import ShippingRate
from backend.delivery.models import DeliveryStatus, PickupPointKind
from backend.delivery.tests.factories import PickupPointStaffFactory
from backend.delivery.tests.scenarios import CHENGXIAN, new_point
from backend.delivery.tracking import record_delivery_update
from backend.orders.fulfilment import fulfil_sub_order
from backend.orders.models import Order
from backend.payments.models import Payment
from backend.payments.offline import confirm_offline_payment
from backend.regions.models import Region
from storefront.tests.checkout_scenarios import (
    add_to_cart,
    county,
    make_two_producer_shop,
    session_checkout,
    text_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(channel):  # type: ignore[no-untyped-def]
    return make_two_producer_shop(channel)


@pytest.fixture
def station(shop):  # type: ignore[no-untyped-def]
    return new_point(
        name="田家河村服务站",
        kind=PickupPointKind.VILLAGE_STATION,
        couriers=[shop.courier],
        opening_hours="每天 8:00–20:00",
    )


def _to_delivery_step(client, shop, *, county_code="621123"):  # type: ignore[no-untyped-def]
    add_to_cart(client, shop.oil, 1)
    client.post("/en/checkout/contact/", {"email": "buyer@example.test"})
    region = county(county_code)
    client.post(
        f"/en/checkout/address/?province={region.province_code}",
        {
            "recipient_name": "张小花",
            "mobile": "139 1234 5678",
            "county": region.pk,
            "address_detail": "幸福路 8 号",
        },
    )


def test_delivery_step_offers_a_pickup_point_near_the_address_with_price_and_hours(
    client, shop, station
):
    # given
    new_point(
        name="成县服务中心", region=Region.objects.get(code=CHENGXIAN), couriers=[shop.courier]
    )
    _to_delivery_step(client, shop)

    # when
    html = client.get("/en/checkout/delivery/").content.decode()
    text = text_of(html)

    # then
    assert "Collect from a pickup point near you" in text
    assert "田家河村服务站 (village service station) · ¥8.00" in text
    assert "Opening hours: 每天 8:00–20:00" in text
    assert "In your county." in text
    assert "成县服务中心" not in text
    assert f'value="point-{station.pk}"' in html
    assert f'<label class="radios__label" for="id_delivery_method_point-{station.pk}">' in html


def test_choosing_a_pickup_point_places_an_order_the_order_page_shows_it_and_its_steps(
    client, shop, station
):
    # given
    buyer = UserFactory(email="buyer@example.test", name="买家")
    client.force_login(buyer)
    _to_delivery_step(client, shop)

    # when
    chosen = client.post("/en/checkout/delivery/", {"delivery_method": f"point-{station.pk}"})
    client.post("/en/checkout/payment/", {"gateway": "offline.bank_transfer"})
    review = text_of(client.get("/en/checkout/review/").content.decode())
    placed = client.post("/en/checkout/review/")

    # then
    assert chosen.status_code == 302
    assert "Collect from 田家河村服务站" in review
    assert placed.status_code == 302
    order = Order.objects.get()
    assert (order.pickup_point, order.pickup_point_name) == (station, "田家河村服务站")

    # and when the parcel travels and the buyer looks
    confirm_offline_payment(order, actor=None)
    sub_order = order.sub_orders.get()
    fulfil_sub_order(sub_order, actor=None, carrier="中国邮政", tracking_number="PO1")
    staff = PickupPointStaffFactory(pickup_point=station).user
    record_delivery_update(sub_order, actor=staff, status=DeliveryStatus.AT_PICKUP_POINT)
    page = client.get(f"/en/account/orders/{order.token}/").content.decode()
    text = text_of(page)
    assert "Pickup point 田家河村服务站" in text
    assert "Where your parcel is" in text
    assert "Ready at the pickup point · 田家河村服务站" in text
    assert "I have received this parcel" in text


def test_buyer_confirms_a_parcel_received_from_the_order_page(client, shop, station):
    # given an order sent in full
    buyer = UserFactory(email="buyer@example.test", name="买家")
    client.force_login(buyer)
    _to_delivery_step(client, shop)
    client.post("/en/checkout/delivery/", {"delivery_method": f"point-{station.pk}"})
    client.post("/en/checkout/payment/", {"gateway": "offline.bank_transfer"})
    client.post("/en/checkout/review/")
    order = Order.objects.get()
    confirm_offline_payment(order, actor=None)
    sub_order = order.sub_orders.get()
    fulfil_sub_order(sub_order, actor=None, carrier="中国邮政")
    url = f"/en/account/orders/{order.token}/parcels/{sub_order.pk}/received/"

    # when: someone else tries first, then the buyer
    client.force_login(UserFactory(email="else@example.test"))
    stranger = client.post(url)
    client.force_login(buyer)
    mine = client.post(url, follow=True)

    # then
    assert stranger.status_code == 404
    sub_order.refresh_from_db()
    assert sub_order.delivered_at is not None
    text = text_of(mine.content.decode())
    assert "Received by the buyer" in text
    assert "I have received this parcel" not in text


def test_delivery_step_names_the_parcels_no_courier_can_take_and_review_refuses(client, shop):
    # given: the only courier now serves Shanghai alone
    _to_delivery_step(client, shop)
    add_to_cart(client, shop.apples, 1)
    client.post("/en/checkout/delivery/", {"delivery_method": shop.courier.pk})
    client.post("/en/checkout/payment/", {"gateway": "offline.bank_transfer"})
    ShippingRate.objects.filter(method=shop.courier).update(destination_province_code="31")
    stock_before = list(shop.oil.stocks.values_list("quantity", "quantity_allocated"))

    # when
    delivery = text_of(client.get("/en/checkout/delivery/").content.decode())
    refused = client.post("/en/checkout/review/")

    # then
    assert "We cannot deliver some of your parcels to this address" in delivery
    assert "Parcel from 田阳山茶油合作社: None of our couriers delivers there." in delivery
    assert "山茶油" in delivery
    assert "Parcel from 阿克苏果园小院: None of our couriers delivers there." in delivery
    assert refused.status_code == 200
    review = text_of(refused.content.decode())
    assert "Your order was not placed" in review
    assert "None of our couriers delivers this parcel to this address." in review
    assert not Order.objects.exists()
    assert not Payment.objects.exists()
    assert list(shop.oil.stocks.values_list("quantity", "quantity_allocated")) == stock_before
    assert session_checkout(client).delivery_method == shop.courier


def test_delivery_step_fresh_parcel_without_a_cold_chain_there_says_so(client, shop):
    # given: the courier keeps goods cold nowhere now
    shop.courier.supports_cold_chain = False
    shop.courier.save(update_fields=["supports_cold_chain"])
    add_to_cart(client, shop.apples, 1)
    _to_delivery_step(client, shop)

    # when
    text = text_of(client.get("/en/checkout/delivery/").content.decode())

    # then
    assert (
        "Parcel from 阿克苏果园小院: It holds fresh goods, and no courier with a cold chain "
        "serves this address."
    ) in text
    warning = text.split("We cannot deliver some of your parcels")[1].split("Change the delivery")[
        0
    ]
    assert "田阳山茶油合作社" not in warning


@pytest.mark.parametrize("points", [1, 4])
def test_delivery_step_costs_the_same_queries_for_1_and_4_pickup_points(
    client, shop, django_assert_num_queries, points
):
    # given
    for i in range(points):
        new_point(name=f"服务站{i}", couriers=[shop.courier])
    _to_delivery_step(client, shop)
    client.get("/en/checkout/delivery/")

    # when / then: session, checkout, has-lines check; lines + 2 listing prefetches + 2 facts;
    # shipping tables (methods, rates, rules, thresholds); nearby points and their couriers
    with django_assert_num_queries(14):
        response = client.get("/en/checkout/delivery/")
    assert response.content.decode().count('value="point-') == points


@pytest.mark.parametrize("steps", [1, 2])
def test_order_page_costs_the_same_queries_for_1_and_2_timeline_steps(
    client, shop, station, django_assert_num_queries, steps
):
    # given a collected-at-the-point order with one or two steps
    buyer = UserFactory(email="buyer@example.test", name="买家")
    client.force_login(buyer)
    _to_delivery_step(client, shop)
    client.post("/en/checkout/delivery/", {"delivery_method": f"point-{station.pk}"})
    client.post("/en/checkout/payment/", {"gateway": "offline.bank_transfer"})
    client.post("/en/checkout/review/")
    order = Order.objects.get()
    confirm_offline_payment(order, actor=None)
    sub_order = order.sub_orders.get()
    fulfil_sub_order(sub_order, actor=None, carrier="中国邮政")
    staff = PickupPointStaffFactory(pickup_point=station).user
    record_delivery_update(sub_order, actor=staff, status=DeliveryStatus.AT_PICKUP_POINT)
    if steps == 2:
        record_delivery_update(sub_order, actor=staff, status=DeliveryStatus.COLLECTED)
    url = f"/en/account/orders/{order.token}/"
    client.get(url)

    # when / then: the order page's queries, its timeline one prefetch whatever the steps
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.content.decode().count('class="timeline__step"') == steps
