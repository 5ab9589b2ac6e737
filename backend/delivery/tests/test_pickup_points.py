"""Pickup points near the address in checkout: which are offered and in what order, choosing one
(the courier that calls there), refusing far or unserved points, and the order's snapshot."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.checkout.collection_points import collection_point_options
from backend.checkout.details import update_checkout_pickup_point, update_checkout_shipping_address
from backend.checkout.errors import CheckoutError, CheckoutErrorCode
from backend.checkout.fetch import fetch_checkout_info, get_checkout
from backend.checkout.models import ShippingMethod
from backend.checkout.tests.factories import (
    ShippingRateFactory,
    shipping_address,
    shipping_method,
)
from backend.checkout.tests.scenarios import listed_variant, ready_checkout
from backend.delivery.lookups import pickup_points_near
from backend.delivery.models import PickupPointKind
from backend.delivery.tests.scenarios import (
    CHENGXIAN,
    LONGXI,
    WEIYUAN,
    checkout_to_point,
    new_point,
    paid_order,
)
from backend.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def postie(db):  # type: ignore[no-untyped-def]
    """The only active courier: 5.00 nationwide, no cold chain."""
    ShippingMethod.objects.update(is_active=False)
    method = shipping_method(name="邮政", supports_cold_chain=False)
    ShippingRateFactory(
        method=method, first_price_amount=Decimal("5.00"), step_price_amount=Decimal("1.00")
    )
    return method


def test_pickup_points_near_same_county_first_then_same_city_never_other_cities(postie):
    # given
    far = new_point(name="成县中心", region=Region.objects.get(code=CHENGXIAN), couriers=[postie])
    closed = new_point(name="关门站", couriers=[postie], is_active=False)
    city = new_point(
        name="陇西中心", kind=PickupPointKind.COUNTY_CENTRE, region=Region.objects.get(code=LONGXI)
    )
    village = new_point(name="渭源某村站", couriers=[postie])
    county = new_point(name="渭源县中心", kind=PickupPointKind.COUNTY_CENTRE, couriers=[postie])

    # when
    found = list(pickup_points_near(Region.objects.get(code=WEIYUAN)))

    # then
    assert [p.name for p in found] == [county.name, village.name, city.name]
    assert far not in found
    assert closed not in found


def test_collection_point_options_only_points_whose_courier_carries_every_parcel(channel, postie):
    # given a fresh item: the postie has no cold chain; a cold courier calls at one point only
    cold = shipping_method(name="冷链", supports_cold_chain=True, sort_order=5)
    ShippingRateFactory(method=cold)
    served = new_point(name="有冷链的站", couriers=[postie, cold])
    new_point(name="只有邮政的站", couriers=[postie])
    fresh = listed_variant(channel, fresh=True, weight_grams=1500)
    checkout = ready_checkout(channel, [(fresh, 1)], method=cold, county_code=WEIYUAN)

    # when
    options = collection_point_options(fetch_checkout_info(get_checkout(checkout.pk)))

    # then: only the point the cold courier calls at, priced 8 + 3 + 12
    assert [(o.point, o.courier, o.totals.shipping.amount) for o in options] == [
        (served, cold, Decimal("23.00"))
    ]


def test_update_checkout_pickup_point_sets_point_and_its_courier_order_snapshots_it(
    channel, postie
):
    # given
    point = new_point(name="田家河村服务站", couriers=[postie])
    variant = listed_variant(channel, price="20.00", weight_grams=800)

    # when
    checkout = checkout_to_point(channel, [(variant, 1)], point)
    order = paid_order(checkout)

    # then
    assert (checkout.pickup_point, checkout.delivery_method) == (point, postie)
    assert order.pickup_point == point
    assert order.pickup_point_name == "田家河村服务站"
    assert order.pickup_point_address == f"{point.region.full_name} 村委会旁"
    assert order.pickup_point_hours == point.opening_hours
    assert order.pickup_point_phone == point.contact_phone
    assert order.shipping_method_name == "邮政"
    assert order.shipping_amount == Decimal("5.00")
    assert order.total_amount == Decimal("25.00")


def test_update_checkout_pickup_point_in_another_city_not_found_like_a_missing_one(channel, postie):
    # given
    far = new_point(region=Region.objects.get(code=CHENGXIAN), couriers=[postie])
    checkout = ready_checkout(
        channel, [(listed_variant(channel), 1)], method=postie, county_code=WEIYUAN
    )

    # when
    with pytest.raises(CheckoutError) as far_exc:
        update_checkout_pickup_point(checkout, far.pk, actor=None)
    with pytest.raises(CheckoutError) as missing_exc:
        update_checkout_pickup_point(checkout, far.pk + 1000, actor=None)

    # then
    assert far_exc.value.codes == missing_exc.value.codes == [CheckoutErrorCode.NOT_FOUND]
    assert get_checkout(checkout.pk).pickup_point_id is None


def test_update_checkout_pickup_point_no_courier_there_can_carry_refused(channel, postie):
    # given a point only the postie calls at, and a fresh item the postie cannot keep cold
    point = new_point(couriers=[postie])
    cold = shipping_method(supports_cold_chain=True)
    ShippingRateFactory(method=cold)
    checkout = ready_checkout(
        channel, [(listed_variant(channel, fresh=True), 1)], method=cold, county_code=WEIYUAN
    )

    # when
    with pytest.raises(CheckoutError) as exc:
        update_checkout_pickup_point(checkout, point.pk, actor=None)

    # then
    assert exc.value.codes == [CheckoutErrorCode.PICKUP_POINT_NOT_AVAILABLE]
    assert get_checkout(checkout.pk).delivery_method == cold


def test_changing_the_address_to_another_city_drops_the_pickup_point(channel, postie):
    # given
    point = new_point(couriers=[postie])
    checkout = checkout_to_point(channel, [(listed_variant(channel), 1)], point)

    # when
    update_checkout_shipping_address(checkout, **shipping_address(CHENGXIAN), actor=None)

    # then
    assert get_checkout(checkout.pk).pickup_point_id is None


def test_changing_the_address_within_the_city_keeps_the_pickup_point(channel, postie):
    # given
    point = new_point(couriers=[postie])
    checkout = checkout_to_point(channel, [(listed_variant(channel), 1)], point)

    # when
    update_checkout_shipping_address(checkout, **shipping_address(LONGXI), actor=None)

    # then
    assert get_checkout(checkout.pk).pickup_point_id == point.pk
