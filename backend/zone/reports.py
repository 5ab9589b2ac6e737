"""What a campaign sold: for the operators' report page in the admin.

Counted: order lines recorded as bought through the campaign (`CampaignOrderLine`) in orders
that were not cancelled. Sales are line totals before any refund (refunds are per sub-order,
not per line). Households reached counts each supplying household once: the household a
cooperative or enterprise-run shop named on the line (`beneficiary_household_ref`), otherwise
the producer itself (a disabled seller's or poor household's own shop is one household).
Three queries whatever the number of lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from prices import Money

from backend.core.money import money
from backend.orders.models import OrderLine, OrderStatus
from backend.zone.models import Campaign

COUNTED = ~Q(order__status=OrderStatus.CANCELLED)


@dataclass(frozen=True)
class ProductSales:
    product_name: str
    producer_name: str
    quantity: int
    sales: Money


@dataclass(frozen=True)
class CampaignReport:
    campaign: Campaign
    sales: Money
    orders: int
    lines: int
    units: int
    producers: int
    households: int
    lines_at_campaign_price: int
    products: list[ProductSales]


def campaign_report(campaign: Campaign, *, currency: str = "CNY") -> CampaignReport:
    lines = OrderLine.objects.filter(COUNTED, zone_campaign__campaign_id=campaign.pk)
    totals = lines.aggregate(
        sales=Sum("total_price_amount"),
        orders=Count("order_id", distinct=True),
        lines=Count("pk"),
        units=Sum("quantity"),
        producers=Count("producer_id", distinct=True),
        at_campaign_price=Count("pk", filter=Q(zone_campaign__campaign_price_applied=True)),
    )
    # A household is (producer, named household) or, without a name, the producer alone.
    households = lines.values_list("producer_id", "beneficiary_household_ref").distinct()
    per_product = (
        lines.values("product_name", "producer__name")
        .annotate(quantity=Sum("quantity"), sales=Sum("total_price_amount"))
        .order_by("-sales", "product_name")
    )
    household_keys = {(producer_id, ref or "") for producer_id, ref in households}
    return CampaignReport(
        campaign=campaign,
        sales=money(totals["sales"] or Decimal("0"), currency),
        orders=totals["orders"],
        lines=totals["lines"],
        units=totals["units"] or 0,
        producers=totals["producers"],
        households=len(household_keys),
        lines_at_campaign_price=totals["at_campaign_price"],
        products=[
            ProductSales(
                row["product_name"],
                row["producer__name"],
                row["quantity"],
                money(row["sales"], currency),
            )
            for row in per_product
        ],
    )
