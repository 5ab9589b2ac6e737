from __future__ import annotations

from decimal import Decimal
from typing import cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from prices import Money

from backend.checkout.fetch import fetch_checkout_info, get_checkout
from backend.checkout.models import ShippingRate
from backend.checkout.pricing import calculate_checkout_totals
from backend.checkout.shipping import parcel_shipping_price
from backend.checkout.tests.factories import ShippingRateFactory
from backend.checkout.tests.scenarios import listed_variant, new_producer, ready_checkout


def cny(amount: str) -> Money:
    return Money(Decimal(amount), "CNY")


@pytest.fixture
def two_producer_cart(channel, courier):  # type: ignore[no-untyped-def]
    first, second = new_producer(), new_producer()
    a1 = listed_variant(channel, producer=first, price="19.99", weight_grams=500)
    a2 = listed_variant(channel, producer=first, price="0.01", weight_grams=100)
    b1 = listed_variant(channel, producer=second, price="33.33", weight_grams=1000, fresh=True)
    return first, second, [(a1, 3), (a2, 7), (b1, 3)]


@pytest.mark.parametrize(
    ("weight", "cold", "expected"),
    [
        (0, False, "8.00"),
        (1000, False, "8.00"),
        (1001, False, "11.00"),
        (3000, False, "14.00"),
        (3001, True, "29.00"),
    ],
)
def test_parcel_shipping_price_weight_steps_started_steps_charged(db, weight, cold, expected):
    # given
    rate = cast(ShippingRate, ShippingRateFactory())

    # when
    price = parcel_shipping_price(rate, weight_grams=weight, needs_cold_chain=cold)

    # then
    assert price == Decimal(expected)


def test_calculate_checkout_totals_two_producers_exact_to_the_cent(
    channel, courier, two_producer_cart
):
    # given
    first, second, lines = two_producer_cart
    checkout = ready_checkout(channel, lines, method=courier)

    # when
    totals = calculate_checkout_totals(fetch_checkout_info(get_checkout(checkout.pk)))

    # then
    by_producer = {parcel.producer.pk: parcel for parcel in totals.parcels}
    a, b = by_producer[first.pk], by_producer[second.pk]
    assert (a.subtotal, a.shipping, a.total, a.weight_grams) == (
        cny("60.04"),
        cny("14.00"),
        cny("74.04"),
        2200,
    )
    assert (b.subtotal, b.shipping, b.total, b.needs_cold_chain) == (
        cny("99.99"),
        cny("26.00"),
        cny("125.99"),
        True,
    )
    assert (totals.subtotal, totals.shipping, totals.total) == (
        cny("160.03"),
        cny("40.00"),
        cny("200.03"),
    )
    assert totals.shipping_available


def test_calculate_checkout_totals_remote_province_uses_its_rate(
    channel, courier, two_producer_cart
):
    # given
    _first, _second, lines = two_producer_cart
    checkout = ready_checkout(channel, lines, method=courier, county_code="650102")

    # when
    totals = calculate_checkout_totals(fetch_checkout_info(get_checkout(checkout.pk)))

    # then
    assert [p.shipping for p in totals.parcels] == [cny("40.00"), cny("70.00")]
    assert totals.total == cny("270.03")


def test_calculate_checkout_totals_no_delivery_method_shipping_zero_and_flagged(channel, courier):
    # given
    variant = listed_variant(channel, price="10.10")
    checkout = ready_checkout(channel, [(variant, 2)], method=courier)
    checkout.delivery_method = None
    checkout.save(update_fields=["delivery_method"])

    # when
    totals = calculate_checkout_totals(fetch_checkout_info(get_checkout(checkout.pk)))

    # then
    assert totals.shipping == cny("0.00")
    assert totals.total == cny("20.20")
    assert not totals.shipping_available


def test_fetch_checkout_info_one_and_ten_lines_same_query_count(channel, courier):
    # given
    variants = [listed_variant(channel, fresh=i % 2 == 0) for i in range(10)]
    one = ready_checkout(channel, [(variants[0], 1)], method=courier)
    ten = ready_checkout(channel, [(v, 1) for v in variants], method=courier)
    counts = []

    # when
    for checkout in (one, ten):
        loaded = get_checkout(checkout.pk)
        with CaptureQueriesContext(connection) as ctx:
            calculate_checkout_totals(fetch_checkout_info(loaded))
        counts.append(len(ctx.captured_queries))

    # then: lines, 2 listings, 2 facts; shipping tables: methods, rates, rules, thresholds
    assert counts[0] == counts[1] == 9
