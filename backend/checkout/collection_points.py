"""Pickup points a checkout can be sent to (Saleor's collection points), each with the courier
that would take the parcels there and the totals, from the one pricing service."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from backend.checkout.fetch import CheckoutInfo
from backend.checkout.models import ShippingMethod
from backend.checkout.pricing import CheckoutTotals, calculate_checkout_totals
from backend.delivery.lookups import active_couriers, pickup_points_near
from backend.delivery.models import PickupPoint


@dataclass(frozen=True)
class CollectionPointOption:
    point: PickupPoint
    courier: ShippingMethod
    totals: CheckoutTotals
    in_customer_county: bool


def option_for_point(info: CheckoutInfo, point: PickupPoint) -> CollectionPointOption | None:
    """The cheapest courier calling at the point that can carry every parcel there (ties: the
    methods' order), priced; None when none can."""
    couriers = active_couriers(point)
    tables = dataclasses.replace(
        info.shipping, pickup_couriers={point.pk: frozenset(m.pk for m in couriers)}
    )
    there = dataclasses.replace(info, pickup_point=point, shipping=tables)
    same_county = getattr(point, "same_county", None) == 0
    best: CollectionPointOption | None = None
    for courier in couriers:
        totals = calculate_checkout_totals(dataclasses.replace(there, delivery_method=courier))
        if not totals.shipping_available and totals.parcels:
            continue
        if best is None or totals.shipping < best.totals.shipping:
            best = CollectionPointOption(point, courier, totals, same_county)
    return best


def collection_point_options(info: CheckoutInfo) -> list[CollectionPointOption]:
    """Pickup points near the delivery address (same county first, then the same city) that can
    take every parcel; empty until the address is known. Two queries."""
    county = info.checkout.shipping_county
    if county is None or not info.lines:
        return []
    options = []
    for point in pickup_points_near(county):
        option = option_for_point(info, point)
        if option is not None:
            options.append(option)
    return options
