"""Shipping price of one parcel (one producer's part of a checkout).

price = first-weight price + started weight steps beyond it × step price
        + cold-chain surcharge when the parcel holds fresh goods

The rate for the destination province wins over the nationwide rate (empty province code). A
method cannot carry a parcel when it has no rate for the destination, or the parcel is fresh and
the method has no cold chain. Only `pricing` calls `parcel_shipping_price`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from backend.checkout.models import ShippingMethod, ShippingRate


def select_rate(rates: Sequence[ShippingRate], province_code: str) -> ShippingRate | None:
    by_province = {rate.destination_province_code: rate for rate in rates}
    return by_province.get(province_code) or by_province.get("")


def can_carry(
    method: ShippingMethod, rates: Sequence[ShippingRate], *, province_code: str, fresh: bool
) -> bool:
    if not method.is_active or (fresh and not method.supports_cold_chain):
        return False
    return select_rate(rates, province_code) is not None


def parcel_shipping_price(
    rate: ShippingRate, *, weight_grams: int, needs_cold_chain: bool
) -> Decimal:
    beyond_first = max(weight_grams - rate.first_weight_grams, 0)
    steps = -(-beyond_first // rate.step_weight_grams)  # started steps: ceiling division
    price = rate.first_price_amount + steps * rate.step_price_amount
    if needs_cold_chain:
        price += rate.cold_chain_surcharge_amount
    return price
