"""The one pricing service: every amount a buyer sees or pays is computed here.

Lines are priced from the variant's listing in the checkout's channel; a checkout ships as one
parcel per producer, each priced by `shipping.quote_parcel` (shipping rules or rates, the
cold-chain surcharge, free-shipping thresholds); totals are per producer and overall. Amounts
are `prices.Money` in the channel's currency, exact to the cent (every input has two decimals
and only sums and integer products are taken, so nothing is rounded away).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from prices import Money

from backend.catalog.pricing import (
    CampaignLinePrice,
    campaign_prices_for_lines,
    campaign_unit_amount,
)
from backend.checkout.fetch import CheckoutInfo, CheckoutLineInfo
from backend.checkout.shipping import DeliveryBlock, ParcelQuote, quote_parcel
from backend.core.money import money
from backend.producers.models import Producer


@dataclass(frozen=True)
class LinePrice:
    info: CheckoutLineInfo
    unit_price: Money
    total: Money
    # The campaign the line is bought through (`backend.catalog.pricing`), if any.
    campaign: CampaignLinePrice | None = None


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
    cold_chain_surcharge: Money
    free_shipping: bool = False
    block: DeliveryBlock | None = None

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


def price_line(
    info: CheckoutLineInfo, currency: str, campaign: CampaignLinePrice | None = None
) -> LinePrice:
    """Price of a line from its channel listing (or its live campaign's price); a line that is
    not for sale costs nothing here (the checkout reports it as a problem and cannot be
    completed)."""
    amount = info.variant_listing.price_amount if info.variant_listing else Decimal("0")
    if info.variant_listing is not None:
        amount = campaign_unit_amount(amount, campaign)
    unit = money(amount, currency)
    return LinePrice(
        info=info,
        unit_price=unit,
        total=money(amount * info.line.quantity, currency),
        campaign=campaign,
    )


def quote_for(
    checkout_info: CheckoutInfo, producer: Producer, lines: list[LinePrice], currency: str
) -> tuple[int, bool, Money, ParcelQuote | None]:
    """Weight, freshness, subtotal and the chosen method's quote (None: no method yet)."""
    weight = sum(lp.info.unit_weight_grams * lp.info.line.quantity for lp in lines)
    cold = any(lp.info.facts.is_fresh for lp in lines)
    subtotal = sum((lp.total for lp in lines), money(0, currency))
    method = checkout_info.delivery_method
    if method is None:
        return weight, cold, subtotal, None
    quote = quote_parcel(
        method,
        checkout_info.shipping,
        checkout_info.route(producer),
        weight_grams=weight,
        fresh=cold,
        subtotal=subtotal.amount,
        pickup_point_id=checkout_info.pickup_point_id,
    )
    return weight, cold, subtotal, quote


def _price_parcel(
    checkout_info: CheckoutInfo, producer: Producer, lines: list[LinePrice], currency: str
) -> ParcelTotals:
    weight, cold, subtotal, quote = quote_for(checkout_info, producer, lines, currency)
    carried = quote is not None and quote.can_carry
    return ParcelTotals(
        producer=producer,
        lines=lines,
        weight_grams=weight,
        needs_cold_chain=cold,
        subtotal=subtotal,
        shipping=money(quote.price if quote and carried else 0, currency),
        shipping_available=carried and checkout_info.has_destination,
        cold_chain_surcharge=money(quote.cold_chain_surcharge if quote else 0, currency),
        free_shipping=bool(quote and quote.free_shipping),
        block=quote.block if quote is not None else None,
    )


def calculate_checkout_totals(checkout_info: CheckoutInfo) -> CheckoutTotals:
    """Lines, parcels per producer (in order of first appearance) and overall totals.

    Shipping is zero for a parcel until an address and a delivery method that can carry it
    are chosen (`shipping_available` says so).
    """
    currency = checkout_info.channel.currency_code
    grouped: dict[int, tuple[Producer, list[LinePrice]]] = {}
    campaigns = campaign_prices_for_lines(
        [info.line for info in checkout_info.lines], currency=currency
    )
    for info in checkout_info.lines:
        entry = grouped.setdefault(info.producer.pk, (info.producer, []))
        entry[1].append(price_line(info, currency, campaigns.get(info.line.pk)))
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
