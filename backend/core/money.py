"""Money is a Decimal amount with a currency (prices.Money); never a float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from prices import Money

CENT = Decimal("0.01")


def quantize(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money(amount: Decimal | int | str, currency: str | None = None) -> Money:
    if isinstance(amount, float):
        raise TypeError("money amounts must not be floats")
    return Money(quantize(Decimal(amount)), currency or settings.DEFAULT_CURRENCY)
