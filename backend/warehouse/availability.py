"""How much of a variant can still be promised, and from which stock rows.

available(stock) = quantity − quantity_allocated − active reservations of other checkouts

Reservations whose `reserved_until` has passed count for nothing, whether or not the cleanup
task has deleted them yet. Which stock row serves a line first is the allocation strategy's
choice (one small class, chosen in `get_allocation_strategy`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from django.db.models import Sum
from django.utils import timezone

from backend.warehouse.errors import StockShortfall
from backend.warehouse.models import Reservation, Stock


@dataclass(frozen=True)
class StockRequest:
    """A line asking for stock: `line_id` is the order line or checkout line to record it on."""

    line_id: int
    variant_id: int
    quantity: int


@dataclass
class StockPlan:
    """Which stock row gives how much to which line, and what could not be found."""

    takes: list[tuple[StockRequest, int, int]] = field(default_factory=list)  # (req, stock, qty)
    shortfalls: list[StockShortfall] = field(default_factory=list)

    def per_stock(self) -> dict[int, int]:
        totals: dict[int, int] = defaultdict(int)
        for _request, stock_id, quantity in self.takes:
            totals[stock_id] += quantity
        return dict(totals)


class AllocationStrategy:
    """Serve a line from the stock rows of its variant in warehouse order, then stock order."""

    def order_stocks(self, stocks: Sequence[Stock]) -> list[Stock]:
        return sorted(stocks, key=lambda s: (s.warehouse_id, s.pk))


def get_allocation_strategy() -> AllocationStrategy:
    return AllocationStrategy()


def reserved_quantities(
    stock_ids: Iterable[int],
    *,
    exclude_checkout_token: UUID | None = None,
    now: datetime | None = None,
) -> dict[int, int]:
    """Active reserved quantity per stock row, leaving out one checkout's own reservations."""
    qs = Reservation.objects.filter(
        stock_id__in=list(stock_ids), reserved_until__gt=now or timezone.now()
    )
    if exclude_checkout_token is not None:
        qs = qs.exclude(checkout_line__checkout_id=exclude_checkout_token)
    rows = qs.values("stock_id").annotate(total=Sum("quantity_reserved")).order_by()
    return {row["stock_id"]: row["total"] for row in rows}


def available_per_stock(stocks: Sequence[Stock], reserved: dict[int, int]) -> dict[int, int]:
    return {s.pk: max(s.quantity - s.quantity_allocated - reserved.get(s.pk, 0), 0) for s in stocks}


def available_quantities(
    variant_ids: Iterable[int],
    *,
    exclude_checkout_token: UUID | None = None,
    now: datetime | None = None,
) -> dict[int, int]:
    """What each variant can still promise, without locking (for reports and early checks)."""
    ids = sorted(set(variant_ids))
    stocks = list(Stock.objects.filter(product_variant_id__in=ids))
    reserved = reserved_quantities(
        [s.pk for s in stocks], exclude_checkout_token=exclude_checkout_token, now=now
    )
    available = available_per_stock(stocks, reserved)
    totals = dict.fromkeys(ids, 0)
    for stock in stocks:
        totals[stock.product_variant_id] += available[stock.pk]
    return totals


def plan_stock_use(
    requests: Sequence[StockRequest],
    stocks: Sequence[Stock],
    available: dict[int, int],
    *,
    partial: bool = False,
) -> StockPlan:
    """Spread each request over its variant's stock rows.

    Every short request becomes a shortfall (all of them, not only the first). With `partial`,
    a short request still takes what there is.
    """
    strategy = get_allocation_strategy()
    by_variant: dict[int, list[Stock]] = defaultdict(list)
    for stock in strategy.order_stocks(stocks):
        by_variant[stock.product_variant_id].append(stock)
    left = dict(available)
    plan = StockPlan()
    for request in requests:
        takes: list[tuple[StockRequest, int, int]] = []
        remaining = request.quantity
        for stock in by_variant.get(request.variant_id, []):
            take = min(remaining, left[stock.pk])
            if take > 0:
                takes.append((request, stock.pk, take))
                remaining -= take
            if remaining == 0:
                break
        if remaining:
            plan.shortfalls.append(
                StockShortfall(
                    variant_id=request.variant_id,
                    requested=request.quantity,
                    available=request.quantity - remaining,
                )
            )
            if not partial:
                continue
        for _request, stock_id, quantity in takes:
            left[stock_id] -= quantity
        plan.takes.extend(takes)
    return plan
