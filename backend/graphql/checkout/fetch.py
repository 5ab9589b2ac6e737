"""Checkout infos for many checkouts at once, for lists (`me.checkouts`) and single reads alike.

The checkout domain's `fetch_checkout_info` prepares one checkout; this builds the same
`CheckoutInfo` bundles for any number of checkouts in a fixed number of queries: per channel,
the lines with their variants, products, producers and product types plus the two listing
prefetches (3), the variant facts (2) and the shipping tables (4; 5 with pickup points).
Pure reading. The result is priced by the domain's one pricing service; a test checks both
paths agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Prefetch

from backend.catalog.models import ProductChannelListing, ProductVariantChannelListing
from backend.checkout.errors import CheckoutProblem
from backend.checkout.fetch import CheckoutInfo, CheckoutLineInfo
from backend.checkout.models import Checkout, CheckoutLine
from backend.checkout.pricing import CheckoutTotals, LinePrice, calculate_checkout_totals
from backend.checkout.problems import line_problems
from backend.checkout.shipping_tables import load_shipping_tables
from backend.checkout.variant_facts import variant_facts


@dataclass
class PricedCheckout:
    info: CheckoutInfo
    totals: CheckoutTotals
    line_prices: dict[int, LinePrice]
    _problems: list[CheckoutProblem] | None = field(default=None, repr=False)

    @property
    def checkout(self) -> Checkout:
        return self.info.checkout

    def line_problems(self) -> list[CheckoutProblem]:
        """Unavailable variants and short stock (one stock query, on first use)."""
        if self._problems is None:
            self._problems = line_problems(self.info)
        return self._problems


def _lines_by_checkout(checkouts: Sequence[Checkout]) -> dict[UUID, list[CheckoutLine]]:
    tokens_by_channel: dict[int, list[UUID]] = defaultdict(list)
    for checkout in checkouts:
        tokens_by_channel[checkout.channel_id].append(checkout.pk)
    found: dict[UUID, list[CheckoutLine]] = defaultdict(list)
    for channel_id, tokens in tokens_by_channel.items():
        lines = (
            CheckoutLine.objects.filter(checkout_id__in=tokens)
            .select_related(
                "variant__product__producer__region",
                "variant__product__product_type",
                "zone_campaign__campaign",  # campaign pricing (backend.catalog.pricing)
            )
            .prefetch_related(
                Prefetch(
                    "variant__channel_listings",
                    queryset=ProductVariantChannelListing.objects.filter(channel_id=channel_id),
                    to_attr="variant_listings_here",
                ),
                Prefetch(
                    "variant__product__channel_listings",
                    queryset=ProductChannelListing.objects.filter(channel_id=channel_id),
                    to_attr="product_listings_here",
                ),
            )
            .order_by("checkout_id", "created_at", "pk")
        )
        for line in lines:
            found[line.checkout_id].append(line)
    return found


def _line_info(line: CheckoutLine, facts: dict[int, object]) -> CheckoutLineInfo:
    variant = line.variant
    product = variant.product
    variant_listings = variant.variant_listings_here  # type: ignore[attr-defined]
    product_listings = product.product_listings_here  # type: ignore[attr-defined]
    return CheckoutLineInfo(
        line=line,
        variant=variant,
        product=product,
        producer=product.producer,
        variant_listing=variant_listings[0] if variant_listings else None,
        product_listing=product_listings[0] if product_listings else None,
        facts=facts[variant.pk],  # type: ignore[arg-type]
    )


def fetch_checkout_infos(checkouts: Sequence[Checkout]) -> list[CheckoutInfo]:
    """One `CheckoutInfo` per checkout, in order. Pass checkouts loaded with their channel,
    delivery method and regions (`CHECKOUT_RELATED`)."""
    lines = _lines_by_checkout(checkouts)
    every_line = [line for group in lines.values() for line in group]
    facts = variant_facts((line.variant_id, line.variant.product_id) for line in every_line)
    producer_ids = {line.variant.product.producer_id for line in every_line}
    point_ids = {c.pickup_point_id for c in checkouts if c.pickup_point_id is not None}
    tables = load_shipping_tables(producer_ids, point_ids)
    return [
        CheckoutInfo(
            checkout=checkout,
            channel=checkout.channel,
            lines=[_line_info(line, facts) for line in lines.get(checkout.pk, [])],  # type: ignore[arg-type]
            delivery_method=checkout.delivery_method,
            shipping=tables,
            pickup_point=checkout.pickup_point,
        )
        for checkout in checkouts
    ]


def price_checkouts(checkouts: Sequence[Checkout]) -> list[PricedCheckout]:
    priced = []
    for info in fetch_checkout_infos(checkouts):
        totals = calculate_checkout_totals(info)
        line_prices = {lp.info.line.pk: lp for parcel in totals.parcels for lp in parcel.lines}
        priced.append(PricedCheckout(info=info, totals=totals, line_prices=line_prices))
    return priced
