"""Quantities as people write them: 90, 12.5, 0.25 (never 9E+1 or 90.000)."""

from __future__ import annotations

from decimal import Decimal


def plain(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text
