"""The one pricing service: every amount a buyer sees or pays is computed here.

Lines are priced from the variant's listing in the checkout's channel; a checkout ships as one
parcel per producer, each priced by `shipping.parcel_shipping_price`; totals are per producer and
overall. Amounts are `prices.Money` in the channel's currency, exact to the cent (every input
has two decimals and only sums and integer products are taken, so nothing is rounded away).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from prices import Money

from backend.checkout.fetch import CheckoutInfo, CheckoutLineInfo
from backend.checkout.shipping import parcel_shipping_price, select_rate
from backend.core.money import money
from backend.producers.models import Producer


@dataclass(frozen=True)
class LinePrice:
    info: CheckoutLineInfo
    unit_price: Money
    total: Money


@dataclass(frozen=True)
class ParcelTotals:
    """One producer's part: what it sells, ships and is paid for (becomes a sub-order)."""

    producer: Producer
    lines: list[LinePrice]
    weight_grams: int
    needs_cold_chain: bool
    subtotal: Money
    shipping: Money
    shipping_available: bool

    @property
    def total(self) -> Money:
        return self.subtotal + self.shipping


@dataclass(frozen=True)
class CheckoutTotals:
    currency: str
    parcels: list[ParcelTotals]
    subtotal: Money
    shipping: Money

    @property
    def total(self) -> Money:
        return self.subtotal + self.shipping

    @property
    def shipping_available(self) -> bool:
        return all(p.shipping_available for p in self.parcels)


def price_line(info: CheckoutLineInfo, currency: str) -> LinePrice:
    """Price of a line from its channel listing; a line that is not for sale costs nothing
    here (the checkout reports it as a problem and cannot be completed)."""
    amount = info.variant_listing.price_amount if info.variant_listing else Decimal("0")
    unit = money(amount, currency)
    return LinePrice(info=info, unit_price=unit, total=money(amount * info.line.quantity, currency))


def _price_parcel(
    checkout_info: CheckoutInfo, producer: Producer, lines: list[LinePrice], currency: str
) -> ParcelTotals:
    weight = sum(lp.info.unit_weight_grams * lp.info.line.quantity for lp in lines)
    cold = any(lp.info.facts.is_fresh for lp in lines)
    subtotal = sum((lp.total for lp in lines), money(0, currency))
    shipping = money(0, currency)
    available = False
    method = checkout_info.delivery_method
    rate = select_rate(checkout_info.shipping_rates, checkout_info.destination_province_code)
    if method is not None and rate is not None and (method.supports_cold_chain or not cold):
        shipping = money(
            parcel_shipping_price(rate, weight_grams=weight, needs_cold_chain=cold), currency
        )
        available = method.is_active and checkout_info.checkout.shipping_county_id is not None
    return ParcelTotals(
        producer=producer,
        lines=lines,
        weight_grams=weight,
        needs_cold_chain=cold,
        subtotal=subtotal,
        shipping=shipping,
        shipping_available=available,
    )


def calculate_checkout_totals(checkout_info: CheckoutInfo) -> CheckoutTotals:
    """Lines, parcels per producer (in order of first appearance) and overall totals.

    Shipping is zero for a parcel until an address and a delivery method that can carry it
    are chosen (`shipping_available` says so).
    """
    currency = checkout_info.channel.currency_code
    grouped: dict[int, tuple[Producer, list[LinePrice]]] = {}
    for info in checkout_info.lines:
        entry = grouped.setdefault(info.producer.pk, (info.producer, []))
        entry[1].append(price_line(info, currency))
    parcels = [
        _price_parcel(checkout_info, producer, lines, currency)
        for producer, lines in grouped.values()
    ]
    zero = money(0, currency)
    return CheckoutTotals(
        currency=currency,
        parcels=parcels,
        subtotal=sum((p.subtotal for p in parcels), zero),
        shipping=sum((p.shipping for p in parcels), zero),
    )
