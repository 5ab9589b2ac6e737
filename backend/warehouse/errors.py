"""Typed stock errors. One `InsufficientStock` carries every short line, so a buyer sees all of
them at once instead of fixing one line per attempt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models


class WarehouseErrorCode(models.TextChoices):
    INSUFFICIENT_STOCK = "insufficient_stock"


@dataclass(frozen=True)
class StockShortfall:
    variant_id: int
    requested: int
    available: int


class InsufficientStock(Exception):
    code = WarehouseErrorCode.INSUFFICIENT_STOCK

    def __init__(self, shortfalls: Sequence[StockShortfall]) -> None:
        self.shortfalls = list(shortfalls)
        summary = ", ".join(
            f"variant {s.variant_id}: {s.requested} requested, {s.available} available"
            for s in self.shortfalls
        )
        super().__init__(f"Insufficient stock ({summary})")

    @property
    def variant_ids(self) -> list[int]:
        return [s.variant_id for s in self.shortfalls]
