"""Operators set protected floor prices and record market reference prices: each one durable
transaction with its audit row. Rows are never edited afterwards (a new period is a new row),
so every settled delivery can be traced to the prices in force that day."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.catalog.models import Product
from backend.procurement.errors import ProcurementError, ProcurementErrorCode
from backend.procurement.events import ProcurementEventType, price_event
from backend.procurement.models import FloorPrice, MarketPrice
from backend.regions.models import Region


def _check(amount: Decimal, start: datetime.date, end: datetime.date) -> None:
    if amount <= 0 or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ProcurementError(
            ProcurementErrorCode.INVALID,
            _("Enter a price per kg above 0, to the cent."),
            field="amount_per_kg",
        )
    if end < start:
        raise ProcurementError(
            ProcurementErrorCode.INVALID,
            _("The period must end on or after its first day."),
            field="valid_until",
        )


def set_floor_price(
    product: Product,
    *,
    actor: User,
    amount_per_kg: Decimal,
    valid_from: datetime.date,
    valid_until: datetime.date,
    reason: str,
    grade: str = "",
    region: Region | None = None,
) -> FloorPrice:
    _check(amount_per_kg, valid_from, valid_until)
    if not reason.strip():
        raise ProcurementError(
            ProcurementErrorCode.REQUIRED,
            _("Say which decision or programme sets this floor."),
            field="reason",
        )
    with transaction.atomic(durable=True):
        floor = FloorPrice.objects.create(
            product=product,
            grade=grade.strip(),
            region=region,
            valid_from=valid_from,
            valid_until=valid_until,
            amount_per_kg=amount_per_kg,
            reason=reason.strip(),
            set_by=actor,
        )
        price_event(floor, ProcurementEventType.FLOOR_PRICE_SET, actor=actor)
    return floor


def record_market_price(
    product: Product,
    *,
    actor: User | None,
    amount_per_kg: Decimal,
    period_start: datetime.date,
    period_end: datetime.date,
    source: str,
    grade: str = "",
) -> MarketPrice:
    _check(amount_per_kg, period_start, period_end)
    with transaction.atomic(durable=True):
        price = MarketPrice.objects.create(
            product=product,
            grade=grade.strip(),
            period_start=period_start,
            period_end=period_end,
            amount_per_kg=amount_per_kg,
            source=source.strip(),
            recorded_by=actor,
        )
        price_event(price, ProcurementEventType.MARKET_PRICE_RECORDED, actor=actor)
    return price
