"""Price ranges of products in a channel. Money is Decimal with a currency (prices.Money)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from prices import Money, MoneyRange

from backend.catalog.models import ProductVariantChannelListing


@dataclass(frozen=True)
class ProductPricing:
    price_range: MoneyRange | None

    @property
    def start(self) -> Money | None:
        return self.price_range.start if self.price_range else None


def price_range_from_listings(
    listings: Iterable[ProductVariantChannelListing],
) -> ProductPricing:
    """The lowest and highest variant price among the given variant listings of one channel."""
    amounts = [(vl.price_amount, vl.currency) for vl in listings]
    if not amounts:
        return ProductPricing(price_range=None)
    currency = amounts[0][1]
    low = min(a for a, _ in amounts)
    high = max(a for a, _ in amounts)
    return ProductPricing(price_range=MoneyRange(Money(low, currency), Money(high, currency)))
