"""Campaign attribution of cart lines and order lines.

The rule, in one place:

- A cart line is bought *through a campaign* when the buyer adds a product featured in the
  campaign from the campaign's page while the campaign is live (`attribute_cart_lines`). The
  whole line counts (if the same item was already in the cart, it joins the campaign).
- Checkout pricing applies the campaign's price to such a line only while the campaign is
  live (`backend.catalog.pricing.campaign_prices_for_lines`); after it ends, the line costs the
  listing price again and is no longer attributed.
- Placing the order records each line priced through a live campaign (`CampaignOrderLine`,
  from `backend.orders.creation`), with the unit price it sold at and whether the campaign
  price applied. The operators' report reads only these rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.checkout.models import Checkout, CheckoutLine
from backend.zone.errors import ZoneError, ZoneErrorCode
from backend.zone.models import Campaign, CampaignCheckoutLine, CampaignOrderLine, CampaignProduct

if TYPE_CHECKING:
    from backend.checkout.pricing import LinePrice
    from backend.orders.models import OrderLine


def attribute_cart_lines(
    checkout: Checkout, campaign: Campaign, variant_ids: Sequence[int]
) -> list[CampaignCheckoutLine]:
    """Link the checkout's lines of these variants to the campaign (featured products only,
    campaign live). Lines already linked to another campaign move to this one: the buyer's
    latest choice counts. Raises `campaign_not_live` when the campaign is not live."""
    now = timezone.now()
    if not campaign.is_live(now):
        raise ZoneError(
            ZoneErrorCode.CAMPAIGN_NOT_LIVE,
            _("This campaign is not running now; the item was added at its usual price."),
        )
    with transaction.atomic(durable=True):
        featured = CampaignProduct.objects.filter(campaign_id=campaign.pk).values("product_id")
        lines = list(
            CheckoutLine.objects.filter(
                checkout_id=checkout.pk,
                variant_id__in=list(variant_ids),
                variant__product_id__in=featured,
            ).only("id")
        )
        if not lines:
            return []
        CampaignCheckoutLine.objects.filter(
            checkout_line_id__in=[line.pk for line in lines]
        ).exclude(campaign_id=campaign.pk).delete()
        return CampaignCheckoutLine.objects.bulk_create(
            [
                CampaignCheckoutLine(checkout_line=line, campaign=campaign, added_at=now)
                for line in lines
            ],
            ignore_conflicts=True,
        )


def record_campaign_order_lines(sold: Iterable[tuple[LinePrice, OrderLine]]) -> None:
    """Inside order creation: one INSERT for the lines bought through a live campaign (none,
    and no query, for an ordinary order)."""
    rows = [
        CampaignOrderLine(
            order_line=order_line,
            campaign_id=priced.campaign.campaign_id,
            currency=order_line.currency,
            unit_price_amount=order_line.unit_price_amount,
            campaign_price_applied=(
                priced.campaign.unit_amount is not None
                and priced.unit_price.amount == priced.campaign.unit_amount
            ),
        )
        for priced, order_line in sold
        if priced.campaign is not None
    ]
    if rows:
        CampaignOrderLine.objects.bulk_create(rows)
