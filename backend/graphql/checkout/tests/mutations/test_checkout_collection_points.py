"""Pickup points through the API in Saleor 3's collection-point shape: listed on the checkout,
chosen with `checkoutDeliveryMethodUpdate(deliveryMethodId: <Warehouse id>)`, ordered, and
cannot-deliver refusals of `checkoutComplete` as coded errors."""

from __future__ import annotations

import pytest

from backend.checkout.models import ShippingMethod, ShippingRate
from backend.checkout.tests.factories import ShippingRateFactory
from backend.delivery.models import DeliveryStatus
from backend.delivery.tests.factories import PickupPointStaffFactory
from backend.delivery.tests.scenarios import new_point
from backend.delivery.tracking import record_delivery_update
from backend.graphql.checkout.tests.api_checkouts import create, ready
from backend.graphql.checkout.tests.fixtures import ADDRESS, BANK, codes, gid, payload
from backend.graphql.checkout.tests.operations import ADDRESS_UPDATE, DELIVERY_UPDATE
from backend.orders.fulfilment import fulfil_sub_order
from backend.orders.models import Order
from backend.payments.models import Payment
from backend.payments.offline import confirm_offline_payment
from backend.regions.models import Region
from backend.warehouse.models import Stock

pytestmark = pytest.mark.django_db

POINTS = """
query Points($id: ID) {
  checkout(id: $id) {
    availableCollectionPoints {
      id name isPrivate clickAndCollectOption kind openingHours courierName
      shippingPrice { amount }
      address { firstName streetAddress1 cityArea phone }
    }
    deliveryMethod {
      __typename
      ... on Warehouse { id name }
      ... on ShippingMethod { id name }
    }
    shippingPrice { gross { amount } }
  }
}
"""

COMPLETE = """
mutation Complete($id: ID, $gateway: String) {
  checkoutComplete(id: $id, paymentGateway: $gateway) {
    order {
      id collectionPointName shippingMethodName
      subOrders { deliveryUpdates { status } deliveredAt }
    }
    errors { field code lines variants }
  }
}
"""

ORDER = """
query Order($token: UUID!) {
  orderByToken(token: $token) {
    collectionPointName
    deliveryUpdates { status statusDisplay pickupPointName note }
    subOrders { deliveryUpdates { status } deliveredAt }
  }
}
"""


@pytest.fixture
def points(courier):  # type: ignore[no-untyped-def]
    ShippingMethod.objects.exclude(pk=courier.pk).update(is_active=False)
    chaoyang = new_point(
        name="朝阳社区服务站", region=Region.objects.get(code="110105"), couriers=[courier]
    )
    haidian = new_point(
        name="海淀服务中心", region=Region.objects.get(code="110108"), couriers=[courier]
    )
    new_point(name="渭源村站", couriers=[courier])  # another province: never offered
    return chaoyang, haidian


def _with_address(api, variant):  # type: ignore[no-untyped-def]
    checkout_id = create(api, [(variant, 2)])["checkout"]["id"]
    payload(
        api(ADDRESS_UPDATE, {"id": checkout_id, "address": ADDRESS}),
        "checkoutShippingAddressUpdate",
    )
    return checkout_id


def test_available_collection_points_near_the_address_same_county_first(
    api, channel, variant, points
):
    # given
    chaoyang, _haidian = points
    checkout_id = _with_address(api, variant)

    # when
    found = api(POINTS, {"id": checkout_id}).data["checkout"]["availableCollectionPoints"]

    # then
    assert [p["name"] for p in found] == ["朝阳社区服务站", "海淀服务中心"]
    first = found[0]
    assert first["id"] == gid("Warehouse", chaoyang.pk)
    assert (first["isPrivate"], first["clickAndCollectOption"], first["kind"]) == (
        False,
        "LOCAL",
        "VILLAGE_STATION",
    )
    assert first["shippingPrice"] == {"amount": 8.0}
    assert first["address"]["firstName"] == "朝阳社区服务站"
    assert first["address"]["cityArea"] == "朝阳区"


def test_delivery_method_update_with_a_warehouse_id_then_complete_records_the_point(
    api, channel, variant, points, courier
):
    # given
    chaoyang, _ = points
    checkout_id = _with_address(api, variant)

    # when
    chosen = payload(
        api(DELIVERY_UPDATE, {"id": checkout_id, "method": gid("Warehouse", chaoyang.pk)}),
        "checkoutDeliveryMethodUpdate",
    )
    read = api(POINTS, {"id": checkout_id}).data["checkout"]
    completed = payload(api(COMPLETE, {"id": checkout_id, "gateway": BANK}), "checkoutComplete")

    # then
    assert chosen["errors"] == []
    assert read["deliveryMethod"] == {
        "__typename": "Warehouse",
        "id": gid("Warehouse", chaoyang.pk),
        "name": "朝阳社区服务站",
    }
    assert read["shippingPrice"]["gross"]["amount"] == 8.0
    assert completed["errors"] == []
    assert completed["order"]["collectionPointName"] == "朝阳社区服务站"
    assert completed["order"]["shippingMethodName"] == courier.name
    assert Order.objects.get().pickup_point == chaoyang


def test_delivery_method_update_far_or_unknown_warehouse_not_found_alike(
    api, channel, variant, points
):
    # given
    far = new_point(name="成县中心", region=Region.objects.get(code="621221"))
    checkout_id = _with_address(api, variant)

    # when
    results = [
        payload(
            api(DELIVERY_UPDATE, {"id": checkout_id, "method": gid("Warehouse", pk)}),
            "checkoutDeliveryMethodUpdate",
        )
        for pk in (far.pk, far.pk + 1000)
    ]

    # then
    assert [codes(r) for r in results] == [[("deliveryMethodId", "NOT_FOUND")]] * 2


def test_order_delivery_updates_shown_in_the_order_type(api, channel, variant, points):
    # given an order to the Chaoyang point, shipped and arrived there
    chaoyang, _ = points
    checkout_id = _with_address(api, variant)
    api(DELIVERY_UPDATE, {"id": checkout_id, "method": gid("Warehouse", chaoyang.pk)})
    payload(api(COMPLETE, {"id": checkout_id, "gateway": BANK}), "checkoutComplete")
    order = Order.objects.get()
    confirm_offline_payment(order, actor=None)
    sub_order = order.sub_orders.get()
    fulfil_sub_order(sub_order, actor=None, carrier="中国邮政")
    staff = PickupPointStaffFactory(pickup_point=chaoyang).user
    record_delivery_update(sub_order, actor=staff, status=DeliveryStatus.AT_PICKUP_POINT)
    record_delivery_update(sub_order, actor=staff, status=DeliveryStatus.COLLECTED, note="已取")

    # when
    read = api(ORDER, {"token": str(order.token)}).data["orderByToken"]

    # then
    assert read["collectionPointName"] == "朝阳社区服务站"
    assert [(u["status"], u["pickupPointName"], u["note"]) for u in read["deliveryUpdates"]] == [
        ("AT_PICKUP_POINT", "朝阳社区服务站", ""),
        ("COLLECTED", "朝阳社区服务站", "已取"),
    ]
    assert read["subOrders"][0]["deliveredAt"] is not None


def test_checkout_complete_no_courier_serves_the_address_coded_error_nothing_written(
    api, channel, variant_maker, courier
):
    # given a ready checkout; then the only courier stops serving Beijing
    ShippingMethod.objects.exclude(pk=courier.pk).update(is_active=False)
    fresh = variant_maker(fresh=True)
    checkout_id = ready(api, [(fresh, 1)], courier)
    ShippingRate.objects.filter(method=courier).delete()
    ShippingRateFactory(method=courier, destination_province_code="31")
    stock = list(Stock.objects.filter(product_variant=fresh).values_list("quantity_allocated"))

    # when
    result = payload(api(COMPLETE, {"id": checkout_id, "gateway": BANK}), "checkoutComplete")

    # then
    assert result["order"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("lines", "NOT_DELIVERABLE")]
    assert result["errors"][0]["variants"] == [gid("ProductVariant", fresh.pk)]
    assert not Order.objects.exists()
    assert not Payment.objects.exists()
    assert (
        list(Stock.objects.filter(product_variant=fresh).values_list("quantity_allocated")) == stock
    )


def test_checkout_complete_fresh_parcel_without_cold_chain_coded_error(
    api, channel, variant_maker, courier
):
    # given a ready fresh checkout; then the courier loses its cold chain
    ShippingMethod.objects.exclude(pk=courier.pk).update(is_active=False)
    fresh = variant_maker(fresh=True)
    checkout_id = ready(api, [(fresh, 1)], courier)
    courier.supports_cold_chain = False
    courier.save(update_fields=["supports_cold_chain"])

    # when
    result = payload(api(COMPLETE, {"id": checkout_id, "gateway": BANK}), "checkoutComplete")

    # then
    assert result["order"] is None
    assert ("lines", "COLD_CHAIN_NOT_AVAILABLE") in [
        (e["field"], e["code"]) for e in result["errors"]
    ]
    assert not Order.objects.exists()


@pytest.mark.parametrize("count", [1, 4])
def test_available_collection_points_same_queries_for_1_and_4_points(
    api, channel, variant, courier, count_queries, count
):
    # given
    ShippingMethod.objects.exclude(pk=courier.pk).update(is_active=False)
    for i in range(count):
        new_point(
            name=f"朝阳服务站{i}", region=Region.objects.get(code="110105"), couriers=[courier]
        )
    checkout_id = _with_address(api, variant)

    # when / then: checkout, lines + 2 listing prefetches + 2 facts, shipping tables (methods,
    # rates, rules, thresholds), nearby points and their couriers
    with count_queries(12):
        found = api(POINTS, {"id": checkout_id}).data["checkout"]["availableCollectionPoints"]
    assert len(found) == count
