"""Stock availability in words ("有货", "仅剩 3 件", "缺货"), never as a colour alone."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext, ngettext

# At or below this many items we say how many are left.
LOW_STOCK_THRESHOLD = 5


class StockLevel(StrEnum):
    IN_STOCK = "in-stock"
    LOW = "low"
    OUT = "out"


@dataclass(frozen=True)
class Availability:
    level: StockLevel
    text: str

    @property
    def can_buy(self) -> bool:
        return self.level != StockLevel.OUT


def availability_for(quantity_available: int, *, track_inventory: bool = True) -> Availability:
    """Words for how many items a customer can still buy of one variant."""
    if not track_inventory:
        return Availability(StockLevel.IN_STOCK, gettext("In stock"))
    if quantity_available <= 0:
        return Availability(StockLevel.OUT, gettext("Out of stock"))
    if quantity_available <= LOW_STOCK_THRESHOLD:
        text = ngettext("Only %(count)s left", "Only %(count)s left", quantity_available) % {
            "count": quantity_available
        }
        return Availability(StockLevel.LOW, text)
    return Availability(StockLevel.IN_STOCK, gettext("In stock"))
