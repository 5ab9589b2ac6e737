"""Shipping rules: which tariff applies (ShippingRulePolicy), the cold chain only where the
route has one, and free shipping from the producer's threshold (≥, to the cent)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.checkout.fetch import fetch_checkout_info, get_checkout
from backend.checkout.models import ShippingRate, ShippingRule
from backend.checkout.pricing import calculate_checkout_totals
from backend.checkout.shipping import (
    DeliveryBlock,
    ParcelRoute,
    ShippingRulePolicy,
    quote_parcel,
)
from backend.checkout.shipping_tables import load_shipping_tables
from backend.checkout.tests.factories import (
    FreeShippingThresholdFactory,
    ShippingRateFactory,
    ShippingRuleFactory,
    shipping_method,
)
from backend.checkout.tests.scenarios import listed_variant, new_producer, ready_checkout
from backend.regions.models import Region

pytestmark = pytest.mark.django_db

# A producer in 甘肃 定西 渭源县 sending to 北京 (11).
ROUTE_CODES = frozenset({"62", "6211", "621123"})


def route(producer_id: int, destination: str = "11") -> ParcelRoute:
    return ParcelRoute(producer_id, ROUTE_CODES, destination)


def test_rule_policy_precedence_ladder_most_specific_rule_wins_then_rates():
    # given one rule at every level of the ladder, plus rates
    method = shipping_method()
    producer = new_producer()
    other = new_producer()
    region = Region.objects.get
    ladder = [
        ("producer, zone", {"producer": producer, "destination_province_codes": ["11", "12"]}),
        ("producer", {"producer": producer}),
        (
            "county, zone",
            {"origin_region": region(code="621123"), "destination_province_codes": ["11"]},
        ),
        ("county", {"origin_region": region(code="621123")}),
        ("city", {"origin_region": region(code="6211")}),
        ("province", {"origin_region": region(code="62")}),
        ("platform, zone", {"destination_province_codes": ["11"]}),
        ("platform, older", {}),
        ("platform, newer", {}),
    ]
    rules = [ShippingRuleFactory(method=method, name=name, **kw) for name, kw in ladder]
    # rules that never match this parcel
    ShippingRuleFactory(method=method, name="other producer", producer=other)
    ShippingRuleFactory(method=method, name="other zone", destination_province_codes=["65"])
    ShippingRuleFactory(method=method, name="other origin", origin_region=region(code="6212"))
    ShippingRuleFactory(method=method, name="inactive", producer=producer, is_active=False)
    ShippingRateFactory(method=method, destination_province_code="11")
    ShippingRateFactory(method=method, destination_province_code="")
    policy = ShippingRulePolicy()

    # when: remove the winner each time and ask again
    winners = []
    remaining = list(ShippingRule.objects.filter(method=method).order_by("pk"))
    rates = list(ShippingRate.objects.filter(method=method))
    while True:
        tariff = policy.tariff(method, remaining, rates, route(producer.pk))
        assert tariff is not None
        if tariff.source == "rate":
            rate = ShippingRate.objects.get(pk=tariff.source_id)
            winners.append(f"rate {rate.destination_province_code or '*'}")
            rates = [r for r in rates if r.pk != tariff.source_id]
            if not rates:
                break
            continue
        winner = next(r for r in remaining if r.pk == tariff.source_id)
        winners.append(winner.name)
        remaining.remove(winner)

    # then
    assert winners == [name for name, _ in ladder if name != "platform, newer"] + [
        "platform, newer",
        "rate 11",
        "rate *",
    ]
    assert len(rules) == 9
    assert policy.tariff(method, [], [], route(producer.pk)) is None


@pytest.mark.parametrize(
    ("weight", "expected_base", "expected_surcharge"),
    [(1000, "6.00", "15.00"), (1001, "8.00", "15.00"), (3500, "12.00", "15.00")],
)
def test_cold_chain_parcel_priced_base_plus_surcharge_exactly(
    channel, weight, expected_base, expected_surcharge
):
    # given a cold-chain courier whose rule for this producer has a 15.00 surcharge
    method = shipping_method(supports_cold_chain=True, sort_order=-10)
    producer = new_producer()
    ShippingRuleFactory(method=method, producer=producer)
    variant = listed_variant(
        channel, producer=producer, price="20.00", weight_grams=weight, fresh=True
    )
    checkout = ready_checkout(channel, [(variant, 1)], method=method)

    # when
    totals = calculate_checkout_totals(fetch_checkout_info(get_checkout(checkout.pk)))

    # then
    (parcel,) = totals.parcels
    assert parcel.needs_cold_chain
    assert parcel.cold_chain_surcharge.amount == Decimal(expected_surcharge)
    assert parcel.shipping.amount == Decimal(expected_base) + Decimal(expected_surcharge)
    assert totals.total.amount == Decimal("20.00") + parcel.shipping.amount


def test_fresh_parcel_on_a_route_without_cold_chain_is_blocked_dry_parcel_is_not(db):
    # given a cold-chain method whose rule for Xinjiang has no cold chain
    method = shipping_method(supports_cold_chain=True)
    ShippingRuleFactory(
        method=method, destination_province_codes=["65"], cold_chain_surcharge_amount=None
    )
    tables = load_shipping_tables([])
    producer = new_producer()

    # when
    fresh = quote_parcel(
        method,
        tables,
        route(producer.pk, "65"),
        weight_grams=500,
        fresh=True,
        subtotal=Decimal("1"),
    )
    dry = quote_parcel(
        method,
        tables,
        route(producer.pk, "65"),
        weight_grams=500,
        fresh=False,
        subtotal=Decimal("1"),
    )

    # then
    assert fresh.block == DeliveryBlock.NO_COLD_CHAIN
    assert dry.can_carry
    assert dry.price == Decimal("6.00")


@pytest.mark.parametrize(
    ("quantity", "free"),
    [(9, False), (10, True)],  # 9 × 9.90 = 89.10 < 99.00; 10 × 9.90 = 99.00 = threshold
)
def test_free_shipping_from_exactly_the_threshold_surcharge_still_charged(channel, quantity, free):
    # given a producer shipping free from 99.00 (not covering the cold chain)
    method = shipping_method(supports_cold_chain=True, sort_order=-10)
    producer = new_producer()
    ShippingRuleFactory(method=method, producer=producer)
    FreeShippingThresholdFactory(producer=producer, threshold_amount=Decimal("99.00"))
    variant = listed_variant(channel, producer=producer, price="9.90", weight_grams=100, fresh=True)
    checkout = ready_checkout(channel, [(variant, quantity)], method=method)

    # when
    totals = calculate_checkout_totals(fetch_checkout_info(get_checkout(checkout.pk)))

    # then
    (parcel,) = totals.parcels
    assert parcel.free_shipping is free
    assert parcel.shipping.amount == (Decimal("15.00") if free else Decimal("21.00"))


def test_free_shipping_covering_cold_chain_waives_the_surcharge_too(channel):
    # given
    method = shipping_method(supports_cold_chain=True, sort_order=-10)
    producer = new_producer()
    ShippingRuleFactory(method=method, producer=producer)
    FreeShippingThresholdFactory(
        producer=producer, threshold_amount=Decimal("50.00"), covers_cold_chain=True
    )
    variant = listed_variant(channel, producer=producer, price="50.00", fresh=True)
    checkout = ready_checkout(channel, [(variant, 1)], method=method)

    # when
    totals = calculate_checkout_totals(fetch_checkout_info(get_checkout(checkout.pk)))

    # then
    assert totals.shipping.amount == Decimal("0.00")
    assert totals.total.amount == Decimal("50.00")


def test_free_shipping_threshold_of_another_producer_does_not_apply(channel):
    # given two producers, only the first ships free from 10.00
    method = shipping_method(supports_cold_chain=True, sort_order=-10)
    ShippingRateFactory(method=method)
    first, second = new_producer(), new_producer()
    FreeShippingThresholdFactory(producer=first, threshold_amount=Decimal("10.00"))
    lines = [
        (listed_variant(channel, producer=first, price="10.00"), 1),
        (listed_variant(channel, producer=second, price="10.00"), 1),
    ]
    checkout = ready_checkout(channel, lines, method=method)

    # when
    totals = calculate_checkout_totals(fetch_checkout_info(get_checkout(checkout.pk)))

    # then
    by_producer = {p.producer.pk: p for p in totals.parcels}
    assert by_producer[first.pk].shipping.amount == Decimal("0.00")
    assert by_producer[second.pk].shipping.amount == Decimal("8.00")
