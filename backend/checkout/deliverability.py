""" "Cannot deliver", answered before payment: which parcels no courier can take to the chosen
address (or pickup point), and why.

A parcel is undeliverable when no active method can carry it there. The reason shown is the most
useful one: the cold chain when some courier reaches the place but none keeps goods cold there,
else the pickup point when couriers reach the area but none calls at the point, else no route.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from backend.checkout.fetch import CheckoutInfo, CheckoutLineInfo
from backend.checkout.shipping import DeliveryBlock, quote_parcel
from backend.producers.models import Producer

REASON_ORDER = (DeliveryBlock.NO_COLD_CHAIN, DeliveryBlock.NOT_AT_PICKUP_POINT)


@dataclass(frozen=True)
class UndeliverableParcel:
    producer: Producer
    lines: list[CheckoutLineInfo]
    reason: DeliveryBlock


def parcels_by_producer(info: CheckoutInfo) -> list[tuple[Producer, list[CheckoutLineInfo]]]:
    grouped: dict[int, tuple[Producer, list[CheckoutLineInfo]]] = {}
    for line in info.lines:
        grouped.setdefault(line.producer.pk, (line.producer, []))[1].append(line)
    return list(grouped.values())


def undeliverable_parcels(info: CheckoutInfo) -> list[UndeliverableParcel]:
    """Parcels no active method can carry to the destination; empty until the address is known."""
    if not info.has_destination:
        return []
    found = []
    for producer, lines in parcels_by_producer(info):
        route = info.route(producer)
        weight = sum(li.unit_weight_grams * li.line.quantity for li in lines)
        fresh = any(li.facts.is_fresh for li in lines)
        blocks = set()
        for method in info.shipping.methods:
            quote = quote_parcel(
                method,
                info.shipping,
                route,
                weight_grams=weight,
                fresh=fresh,
                subtotal=Decimal("0"),  # free shipping does not change whether it can go
                pickup_point_id=info.pickup_point_id,
            )
            if quote.can_carry:
                break
            blocks.add(quote.block)
        else:
            reason = next((r for r in REASON_ORDER if r in blocks), DeliveryBlock.NO_ROUTE)
            found.append(UndeliverableParcel(producer, lines, reason))
    return found
