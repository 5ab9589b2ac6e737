"""Stock held for checkout lines while the buyer is in checkout (Saleor's reservations).

A reservation lasts `CHECKOUT_RESERVATION_MINUTES` (setting, default 20; 0 turns reservations
off). Expired reservations stop counting at once; `release_expired_reservations` deletes them
(run by the Celery task `checkout.release_expired_reservations`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.utils import timezone

from backend.warehouse import locks
from backend.warehouse.availability import (
    StockRequest,
    available_per_stock,
    available_quantities,
    plan_stock_use,
    reserved_quantities,
)
from backend.warehouse.errors import InsufficientStock, StockShortfall
from backend.warehouse.models import Reservation


def reservation_minutes() -> int:
    return int(getattr(settings, "CHECKOUT_RESERVATION_MINUTES", 20))


def reservations_enabled() -> bool:
    return reservation_minutes() > 0


def reserve_stocks(
    requests: Sequence[StockRequest],
    *,
    checkout_token: UUID,
    partial: bool = False,
    now: datetime | None = None,
) -> list[Reservation]:
    """Replace the reservations of these checkout lines (`line_id`) with fresh ones.

    Raises `InsufficientStock` listing every short line unless `partial`, in which case short
    lines reserve what there is (the checkout then reports the problem). Runs inside the
    caller's transaction, with the checkout row already locked.
    """
    now = now or timezone.now()
    stocks = locks.lock_stocks_for_variants(r.variant_id for r in requests)
    Reservation.objects.filter(checkout_line_id__in=[r.line_id for r in requests]).delete()
    reserved = reserved_quantities(
        [s.pk for s in stocks], exclude_checkout_token=checkout_token, now=now
    )
    plan = plan_stock_use(requests, stocks, available_per_stock(stocks, reserved), partial=partial)
    if plan.shortfalls and not partial:
        raise InsufficientStock(plan.shortfalls)
    until = now + timedelta(minutes=reservation_minutes())
    return Reservation.objects.bulk_create(
        [
            Reservation(
                checkout_line_id=request.line_id,
                stock_id=stock_id,
                quantity_reserved=quantity,
                reserved_until=until,
            )
            for request, stock_id, quantity in plan.takes
        ]
    )


def check_stock_quantities(
    requests: Sequence[StockRequest], *, checkout_token: UUID | None = None
) -> None:
    """Without locking: raise `InsufficientStock` for every request stock cannot cover now."""
    available = available_quantities(
        [r.variant_id for r in requests], exclude_checkout_token=checkout_token
    )
    shortfalls = [
        StockShortfall(r.variant_id, r.quantity, available.get(r.variant_id, 0))
        for r in requests
        if r.quantity > available.get(r.variant_id, 0)
    ]
    if shortfalls:
        raise InsufficientStock(shortfalls)


def release_expired_reservations(*, now: datetime | None = None) -> int:
    """Delete reservations that have lapsed; returns how many were deleted."""
    deleted, _ = Reservation.objects.filter(reserved_until__lte=now or timezone.now()).delete()
    return deleted
