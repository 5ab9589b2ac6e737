"""Allocate, release and ship stock for order lines (Saleor's `warehouse/management.py` shape).

All three functions run inside the caller's transaction, lock stock rows through `locks` in
primary-key order, write counters with `F()` expressions in one UPDATE per call, and rely on the
stock CHECK constraints (quantity ≥ 0, allocated ≤ quantity) as the last line of defence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

from django.db.models import Case, F, IntegerField, Value, When

from backend.warehouse import locks
from backend.warehouse.availability import (
    StockRequest,
    available_per_stock,
    plan_stock_use,
    reserved_quantities,
)
from backend.warehouse.errors import InsufficientStock, StockShortfall
from backend.warehouse.models import Allocation, Stock


def _delta(deltas: Mapping[int, int], sign: int) -> Case:
    return Case(
        *[When(pk=pk, then=Value(sign * amount)) for pk, amount in deltas.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


def add_to_stock_counters(
    *, allocated: Mapping[int, int] | None = None, on_hand: Mapping[int, int] | None = None
) -> None:
    """Add (or with negative numbers take away) per stock row, in one UPDATE."""
    allocated = {pk: n for pk, n in (allocated or {}).items() if n}
    on_hand = {pk: n for pk, n in (on_hand or {}).items() if n}
    if not allocated and not on_hand:
        return
    changes = {}
    if allocated:
        changes["quantity_allocated"] = F("quantity_allocated") + _delta(allocated, 1)
    if on_hand:
        changes["quantity"] = F("quantity") + _delta(on_hand, 1)
    Stock.objects.filter(pk__in=sorted({*allocated, *on_hand})).update(**changes)


def allocate_stocks(
    requests: Sequence[StockRequest], *, exclude_checkout_token: UUID | None = None
) -> list[Allocation]:
    """Allocate stock to order lines (`request.line_id` is the order line) or raise.

    Stock reserved by other checkouts is not available; the completing checkout's own
    reservations are (pass its token). Raises `InsufficientStock` listing every short line;
    nothing is written then. Lines of variants that do not track inventory must not be passed.
    """
    if not requests:
        return []
    stocks = locks.lock_stocks_for_variants(r.variant_id for r in requests)
    reserved = reserved_quantities(
        [s.pk for s in stocks], exclude_checkout_token=exclude_checkout_token
    )
    plan = plan_stock_use(requests, stocks, available_per_stock(stocks, reserved))
    if plan.shortfalls:
        raise InsufficientStock(plan.shortfalls)
    allocations = Allocation.objects.bulk_create(
        [
            Allocation(order_line_id=request.line_id, stock_id=stock_id, quantity_allocated=qty)
            for request, stock_id, qty in plan.takes
        ]
    )
    add_to_stock_counters(allocated=plan.per_stock())
    return allocations


def deallocate_stock(order_line_ids: Sequence[int]) -> int:
    """Give back everything still allocated to these order lines; returns the units released."""
    stock_ids = Allocation.objects.filter(order_line_id__in=order_line_ids).values_list(
        "stock_id", flat=True
    )
    locks.lock_stocks(stock_ids)
    allocations = locks.lock_allocations_for_lines(order_line_ids)
    released: dict[int, int] = {}
    for allocation in allocations:
        released[allocation.stock_id] = (
            released.get(allocation.stock_id, 0) + allocation.quantity_allocated
        )
    add_to_stock_counters(allocated={pk: -n for pk, n in released.items()})
    Allocation.objects.filter(pk__in=[a.pk for a in allocations]).delete()
    return sum(released.values())


def decrease_stock(requests: Sequence[StockRequest]) -> None:
    """Ship: take each request's units (`line_id` is the order line) off its allocations and off
    hand. Raises `InsufficientStock` when a line has less allocated than it ships."""
    line_ids = sorted({r.line_id for r in requests})
    stock_ids = Allocation.objects.filter(order_line_id__in=line_ids).values_list(
        "stock_id", flat=True
    )
    locks.lock_stocks(stock_ids)
    allocations = locks.lock_allocations_for_lines(line_ids)
    by_line: dict[int, list[Allocation]] = {}
    for allocation in allocations:
        by_line.setdefault(allocation.order_line_id, []).append(allocation)
    taken_per_allocation: dict[int, int] = {}
    taken_per_stock: dict[int, int] = {}
    shortfalls = []
    for request in requests:
        remaining = request.quantity
        for allocation in by_line.get(request.line_id, []):
            take = min(
                remaining,
                allocation.quantity_allocated - taken_per_allocation.get(allocation.pk, 0),
            )
            if take > 0:
                taken_per_allocation[allocation.pk] = (
                    taken_per_allocation.get(allocation.pk, 0) + take
                )
                taken_per_stock[allocation.stock_id] = (
                    taken_per_stock.get(allocation.stock_id, 0) + take
                )
                remaining -= take
        if remaining:
            shortfalls.append(
                StockShortfall(
                    variant_id=request.variant_id,
                    requested=request.quantity,
                    available=request.quantity - remaining,
                )
            )
    if shortfalls:
        raise InsufficientStock(shortfalls)
    if taken_per_allocation:
        Allocation.objects.filter(pk__in=sorted(taken_per_allocation)).update(
            quantity_allocated=F("quantity_allocated") - _delta(taken_per_allocation, 1)
        )
    negative = {pk: -n for pk, n in taken_per_stock.items()}
    add_to_stock_counters(allocated=negative, on_hand=negative)
