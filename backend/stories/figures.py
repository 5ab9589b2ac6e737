"""Figures a story quotes, computed from the platform's orders when the page is read.

- Sales: line totals of the producer's order lines in orders that were not cancelled, before
  refunds (the rule of the zone's campaign report), in the 12 months up to `today` and in the
  12 months before those. Growth is the change in percent, one decimal, None when the earlier
  year sold nothing.
- Households reached: each supplying household once — the household a cooperative or
  enterprise-run shop named on the line (`beneficiary_household_ref`), otherwise the producer
  itself (a disabled seller's or poor household's own shop is one household), as the zone's
  report counts them.
- Buyers: distinct buyer accounts, plus guest orders counted by their e-mail address.

Two queries whatever the number of orders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from backend.orders.models import OrderLine, OrderStatus

COUNTED = ~Q(order__status=OrderStatus.CANCELLED)


@dataclass(frozen=True)
class StoryFigures:
    sales_this_year: Decimal
    sales_year_before: Decimal
    households_reached: int
    buyers: int

    @property
    def growth_percent(self) -> Decimal | None:
        if not self.sales_year_before:
            return None
        change = (self.sales_this_year - self.sales_year_before) / self.sales_year_before * 100
        return change.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def story_figures(producer_id: int, *, today: date | None = None) -> StoryFigures:
    today = today or timezone.localdate()
    end = _start_of(today + timedelta(days=1))
    middle = _start_of(today + timedelta(days=1) - timedelta(days=365))
    start = _start_of(today + timedelta(days=1) - timedelta(days=730))
    lines = OrderLine.objects.filter(COUNTED, producer_id=producer_id)
    totals = lines.aggregate(
        this_year=Sum(
            "total_price_amount",
            filter=Q(order__created_at__gte=middle, order__created_at__lt=end),
        ),
        year_before=Sum(
            "total_price_amount",
            filter=Q(order__created_at__gte=start, order__created_at__lt=middle),
        ),
        accounts=Count("order__user_id", distinct=True),
        guests=Count("order__email", filter=Q(order__user__isnull=True), distinct=True),
    )
    refs = set(lines.values_list("beneficiary_household_ref", flat=True).distinct())
    return StoryFigures(
        sales_this_year=totals["this_year"] or Decimal("0"),
        sales_year_before=totals["year_before"] or Decimal("0"),
        households_reached=len(refs),
        buyers=totals["accounts"] + totals["guests"],
    )
