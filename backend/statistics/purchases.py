"""Enterprise purchases from a region's producers in a year: contract deliveries (直采直供)
and accepted quotes, and what of them was settled at a protected floor price (保护价).

Counted: procurement order lines created in the year (Asia/Shanghai), valued at what the
enterprise accepted (`accepted_amount`, 0 until a delivery is checked). A line is a contract
purchase when it draws on a contract line, a quote purchase otherwise; it is a protected-price
purchase when a floor covered it (`floor_amount_per_kg` set). One statement, grouped by
enterprise with a GROUPING SETS total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from backend.statistics.areas import Area
from backend.statistics.periods import year_bounds


@dataclass(frozen=True)
class PurchaseCell:
    enterprise_id: int | None
    enterprise_name: str
    producers: int
    contract_value: Decimal
    quote_value: Decimal
    protected_value: Decimal
    protected_lines: int

    @property
    def total_value(self) -> Decimal:
        return self.contract_value + self.quote_value


@dataclass(frozen=True)
class Purchases:
    total: PurchaseCell
    by_enterprise: list[PurchaseCell]


def enterprise_purchases(area: Area, year: int) -> Purchases:
    where, params = area.where
    start, end = year_bounds(year)
    sql = f"""
SELECT GROUPING(pl.enterprise_id), pl.enterprise_id, MAX(e.name),
    COUNT(DISTINCT pl.producer_id),
    COALESCE(SUM(pl.accepted_amount) FILTER (WHERE pl.contract_line_id IS NOT NULL), 0),
    COALESCE(SUM(pl.accepted_amount) FILTER (WHERE pl.contract_line_id IS NULL), 0),
    COALESCE(SUM(pl.accepted_amount) FILTER (WHERE pl.floor_amount_per_kg IS NOT NULL), 0),
    COUNT(*) FILTER (WHERE pl.floor_amount_per_kg IS NOT NULL)
FROM procurement_procurementorderline pl
JOIN enterprises_enterprise e ON e.id = pl.enterprise_id
JOIN producers_producer p ON p.id = pl.producer_id
JOIN regions_region r ON r.id = p.region_id
WHERE pl.created_at >= %s AND pl.created_at < %s AND {where}
GROUP BY GROUPING SETS ((), (pl.enterprise_id))
ORDER BY 1 DESC, SUM(pl.accepted_amount) DESC, 2
"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [start, end, *params])
        rows = cursor.fetchall()
    total = PurchaseCell(None, "", 0, Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), 0)
    by_enterprise = []
    for whole, enterprise_id, name, producers, contract, quote, protected, lines in rows:
        cell = PurchaseCell(enterprise_id, name or "", producers, contract, quote, protected, lines)
        if whole:
            total = cell
        else:
            by_enterprise.append(cell)
    return Purchases(total=total, by_enterprise=by_enterprise)
