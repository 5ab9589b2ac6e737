"""Shipping price of one parcel (one producer's part of a checkout) with one delivery method,
or the reason the method cannot carry it.

    price = first-weight price + started weight steps beyond it × step price     (the "base")
            + cold-chain surcharge when the parcel holds fresh goods
    base = 0 when the producer's free-shipping threshold is reached (subtotal ≥ threshold);
    the surcharge too when the threshold says it covers the cold chain.

Which tariff applies is `ShippingRulePolicy`'s answer (rules first, then the method's rates);
free shipping is `FreeShippingPolicy`'s. Both are chosen in one place, `POLICIES`, so a
deployment can override them. Only `pricing` and `deliverability` call `quote_parcel`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.checkout.models import (
    FreeShippingThreshold,
    ShippingMethod,
    ShippingRate,
    ShippingRule,
)


class PricedWeight(Protocol):
    first_weight_grams: int
    first_price_amount: Decimal
    step_weight_grams: int
    step_price_amount: Decimal


@dataclass(frozen=True)
class Tariff:
    """The prices of one rule or rate, as the policy picked them for a parcel.

    `cold_chain_surcharge_amount` is None where the method has no cold chain on the route.
    """

    source: str  # "rule" or "rate"
    source_id: int
    first_weight_grams: int
    first_price_amount: Decimal
    step_weight_grams: int
    step_price_amount: Decimal
    cold_chain_surcharge_amount: Decimal | None

    @classmethod
    def of_rule(cls, rule: ShippingRule, method: ShippingMethod) -> Tariff:
        return cls(
            "rule",
            rule.pk,
            rule.first_weight_grams,
            rule.first_price_amount,
            rule.step_weight_grams,
            rule.step_price_amount,
            rule.cold_chain_surcharge_amount if method.supports_cold_chain else None,
        )

    @classmethod
    def of_rate(cls, rate: ShippingRate, method: ShippingMethod) -> Tariff:
        return cls(
            "rate",
            rate.pk,
            rate.first_weight_grams,
            rate.first_price_amount,
            rate.step_weight_grams,
            rate.step_price_amount,
            rate.cold_chain_surcharge_amount if method.supports_cold_chain else None,
        )


@dataclass(frozen=True)
class ParcelRoute:
    """Where a parcel leaves from (the producer's region codes) and goes to."""

    producer_id: int
    origin_codes: frozenset[str]  # province, city and county codes of the producer's region
    destination_province_code: str


class DeliveryBlock(models.TextChoices):
    """Why a method cannot carry a parcel."""

    METHOD_INACTIVE = "method_inactive", _("This delivery method is not offered now.")
    NOT_AT_PICKUP_POINT = (
        "not_at_pickup_point",
        _("This courier does not call at the pickup point."),
    )
    NO_ROUTE = "no_route", _("This courier does not deliver there.")
    NO_COLD_CHAIN = "no_cold_chain", _("This courier cannot keep fresh goods cold on this route.")


def select_rate(rates: Sequence[ShippingRate], province_code: str) -> ShippingRate | None:
    by_province = {rate.destination_province_code: rate for rate in rates}
    return by_province.get(province_code) or by_province.get("")


class ShippingRulePolicy:
    """Which tariff prices a parcel sent with one method. The most specific match wins:

    1. a rule of the parcel's producer;
    2. a rule of the parcel's origin region — a county rule before a city rule before a
       province rule;
    3. a platform rule (no producer, no origin region);
       within each of 1–3, a rule whose destination zone lists the destination province beats
       a nationwide rule (empty zone), and among equals the oldest rule (lowest id) wins;
    4. when no rule matches: the method's `ShippingRate` for the destination province, then its
       nationwide rate;
    5. otherwise the method does not carry the parcel there (`NO_ROUTE`).

    A rule matches when each of its conditions holds: its producer is the parcel's, its origin
    region contains the producer's region, its zone contains the destination province. A
    producer rule that also names an origin region is more specific than one that does not.
    """

    def specificity(self, rule: ShippingRule, route: ParcelRoute) -> tuple[int, int, int] | None:
        if not rule.is_active:
            return None
        if rule.producer_id is not None and rule.producer_id != route.producer_id:
            return None
        origin = rule.origin_region
        if origin is not None and (origin.code or "") not in route.origin_codes:
            return None
        zone = rule.destination_province_codes
        if zone and route.destination_province_code not in zone:
            return None
        return (
            1 if rule.producer_id is not None else 0,
            origin.level if origin is not None else 0,
            1 if zone else 0,
        )

    def tariff(
        self,
        method: ShippingMethod,
        rules: Sequence[ShippingRule],
        rates: Sequence[ShippingRate],
        route: ParcelRoute,
    ) -> Tariff | None:
        best: tuple[tuple[int, int, int], int, ShippingRule] | None = None
        for rule in rules:
            score = self.specificity(rule, route)
            if score is None:
                continue
            if best is None or (score, -rule.pk) > (best[0], best[1]):
                best = (score, -rule.pk, rule)
        if best is not None:
            return Tariff.of_rule(best[2], method)
        rate = select_rate(rates, route.destination_province_code)
        return Tariff.of_rate(rate, method) if rate is not None else None


class FreeShippingPolicy:
    """A producer's parcel ships free when its subtotal reaches the threshold (≥, to the cent).

    Free shipping waives the base price; the cold-chain surcharge is still charged unless the
    threshold says it covers the cold chain.
    """

    def applies(self, threshold: FreeShippingThreshold | None, subtotal: Decimal) -> bool:
        return (
            threshold is not None and threshold.is_active and subtotal >= threshold.threshold_amount
        )


@dataclass(frozen=True)
class ShippingPolicies:
    rules: ShippingRulePolicy
    free_shipping: FreeShippingPolicy


POLICIES = ShippingPolicies(rules=ShippingRulePolicy(), free_shipping=FreeShippingPolicy())


def parcel_shipping_price(
    rate: PricedWeight | Tariff | ShippingRate, *, weight_grams: int, needs_cold_chain: bool
) -> Decimal:
    """Base price by weight, plus the cold-chain surcharge when asked (0 where there is none)."""
    beyond_first = max(weight_grams - rate.first_weight_grams, 0)
    steps = -(-beyond_first // rate.step_weight_grams)  # started steps: ceiling division
    price = rate.first_price_amount + steps * rate.step_price_amount
    if needs_cold_chain:
        price += getattr(rate, "cold_chain_surcharge_amount", None) or Decimal("0")
    return price


@dataclass(frozen=True)
class ParcelQuote:
    """One method's answer for one parcel: a price, or why it cannot carry it."""

    block: DeliveryBlock | None
    base: Decimal = Decimal("0")
    cold_chain_surcharge: Decimal = Decimal("0")
    free_shipping: bool = False
    tariff: Tariff | None = None

    @property
    def price(self) -> Decimal:
        return self.base + self.cold_chain_surcharge

    @property
    def can_carry(self) -> bool:
        return self.block is None


@dataclass(frozen=True)
class ShippingTables:
    """Everything shipping prices need, loaded once per request (`shipping_tables.load`):
    active methods, their rates and the rules that can concern the producers, the producers'
    free-shipping thresholds, and the couriers of the chosen pickup points."""

    methods: list[ShippingMethod]
    rates: dict[int, list[ShippingRate]]
    rules: dict[int, list[ShippingRule]]
    thresholds: dict[int, FreeShippingThreshold]
    pickup_couriers: dict[int, frozenset[int]]

    def method(self, method_id: int) -> ShippingMethod | None:
        return next((m for m in self.methods if m.pk == method_id), None)


def quote_parcel(
    method: ShippingMethod,
    tables: ShippingTables,
    route: ParcelRoute,
    *,
    weight_grams: int,
    fresh: bool,
    subtotal: Decimal,
    pickup_point_id: int | None = None,
    policies: ShippingPolicies = POLICIES,
) -> ParcelQuote:
    if not method.is_active:
        return ParcelQuote(DeliveryBlock.METHOD_INACTIVE)
    if pickup_point_id is not None and method.pk not in tables.pickup_couriers.get(
        pickup_point_id, frozenset()
    ):
        return ParcelQuote(DeliveryBlock.NOT_AT_PICKUP_POINT)
    tariff = policies.rules.tariff(
        method, tables.rules.get(method.pk, []), tables.rates.get(method.pk, []), route
    )
    if tariff is None:
        return ParcelQuote(DeliveryBlock.NO_ROUTE)
    if fresh and tariff.cold_chain_surcharge_amount is None:
        return ParcelQuote(DeliveryBlock.NO_COLD_CHAIN, tariff=tariff)
    base = parcel_shipping_price(tariff, weight_grams=weight_grams, needs_cold_chain=False)
    surcharge = (tariff.cold_chain_surcharge_amount or Decimal("0")) if fresh else Decimal("0")
    threshold = tables.thresholds.get(route.producer_id)
    free = policies.free_shipping.applies(threshold, subtotal)
    if free:
        base = Decimal("0")
        if threshold is not None and threshold.covers_cold_chain:
            surcharge = Decimal("0")
    return ParcelQuote(
        None, base=base, cold_chain_surcharge=surcharge, free_shipping=free, tariff=tariff
    )
