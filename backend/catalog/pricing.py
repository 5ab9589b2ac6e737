"""Price ranges of products in a channel, and campaign prices of cart lines bought through a
campaign. Money is Decimal with a currency (prices.Money)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from prices import Money, MoneyRange

from backend.catalog.models import ProductVariantChannelListing
from backend.checkout.models import CheckoutLine
from backend.zone.models import CampaignCheckoutLine, CampaignPrice, CampaignPriceConsent


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


# --- Campaign prices ---------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignLinePrice:
    """A cart line bought through a live campaign: the campaign, and the unit amount it sells
    at there (None when the campaign sets no price for the variant: the listing price holds)."""

    campaign_id: int
    unit_amount: Decimal | None


def _campaign_link(line: CheckoutLine) -> CampaignCheckoutLine | None:
    try:
        return line.zone_campaign  # type: ignore[attr-defined,no-any-return]
    except CampaignCheckoutLine.DoesNotExist:
        return None


def campaign_prices_for_lines(
    lines: Sequence[CheckoutLine], *, currency: str, now: datetime | None = None
) -> dict[int, CampaignLinePrice]:
    """Campaign pricing of cart lines, by line id: only lines added through a campaign's page
    (`CampaignCheckoutLine`) whose campaign is live now. The price must still be within the
    producer's consent, and a buyer never pays more than the listing price through a campaign.

    Lines must come with `zone_campaign__campaign` selected (the checkout fetches do); a line
    without it costs one query for all such lines. Prices cost one query, only when a line is
    linked to a live campaign, so an ordinary cart prices with no extra query.
    """
    moment = now or timezone.now()
    unknown = [line.pk for line in lines if not CheckoutLine.zone_campaign.is_cached(line)]  # type: ignore[attr-defined]
    fetched: dict[int, CampaignCheckoutLine] = {}
    if unknown:
        fetched = {
            link.checkout_line_id: link
            for link in CampaignCheckoutLine.objects.filter(
                checkout_line_id__in=unknown
            ).select_related("campaign")
        }
    live: dict[int, tuple[int, int]] = {}  # line id -> (campaign id, variant id)
    for line in lines:
        link = fetched.get(line.pk) if line.pk in fetched else _campaign_link(line)
        if link is not None and link.campaign.is_live(moment):
            live[line.pk] = (link.campaign_id, line.variant_id)
    if not live:
        return {}
    consented = CampaignPriceConsent.objects.filter(
        campaign_id=OuterRef("campaign_id"), variant_id=OuterRef("variant_id")
    ).values("minimum_amount")[:1]
    amounts = {
        (price.campaign_id, price.variant_id): price.amount
        for price in CampaignPrice.objects.filter(
            campaign_id__in={c for c, _ in live.values()},
            variant_id__in={v for _, v in live.values()},
            currency=currency,
        )
        .annotate(minimum=Subquery(consented))
        .filter(minimum__isnull=False, amount__gte=F("minimum"))
        .only("campaign_id", "variant_id", "amount")
    }
    return {
        line_id: CampaignLinePrice(campaign_id, amounts.get((campaign_id, variant_id)))
        for line_id, (campaign_id, variant_id) in live.items()
    }


def campaign_unit_amount(listing_amount: Decimal, campaign: CampaignLinePrice | None) -> Decimal:
    """What a unit costs: the campaign price when there is one and it is lower."""
    if campaign is None or campaign.unit_amount is None:
        return listing_amount
    return min(listing_amount, campaign.unit_amount)
