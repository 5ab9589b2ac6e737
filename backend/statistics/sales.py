"""Sales of a region's producers in a year, in ONE SQL statement.

Counted sales: order lines of paid orders (payment fully charged or partly refunded) whose
sub-order is not cancelled or refunded, placed in the year (Asia/Shanghai), of producers whose
region lies in the area. Value = the lines' totals (goods, without shipping); volume = units.

Households reached (beneficiary attribution): a line's household is its
`beneficiary_household_ref` (the supplying household of a cooperative or enterprise-run shop)
or, for a shop that is itself a household (a disabled individual or a registered poor
household), the shop; lines with neither reach no household. Income per household = the
attributed value / the households reached.

The statement reads the year's lines once and groups them by GROUPING SETS: the whole area,
month, top-level category, producer kind, disability category and child region.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection

from backend.orders.models import OrderStatus, PaymentStatus
from backend.producers.models import ProducerKind
from backend.statistics.areas import Area
from backend.statistics.periods import time_zone_name, year_bounds

PAID = (PaymentStatus.FULLY_CHARGED.value, PaymentStatus.PARTIALLY_REFUNDED.value)
NOT_COUNTED = (OrderStatus.CANCELLED.value, OrderStatus.REFUNDED.value)
HOUSEHOLD_SHOPS = (ProducerKind.DISABLED_INDIVIDUAL.value, ProducerKind.POOR_HOUSEHOLD.value)
ZERO = Decimal("0.00")

DIMENSIONS = ("month", "category", "kind", "disability", "child")


@dataclass(frozen=True)
class SalesCell:
    sellers: int
    households: int
    quantity: int
    value: Decimal
    household_value: Decimal
    orders: int = 0

    @property
    def income_per_household(self) -> Decimal | None:
        if not self.households:
            return None
        return (self.household_value / self.households).quantize(Decimal("0.01"))


EMPTY = SalesCell(0, 0, 0, ZERO, ZERO)


@dataclass(frozen=True)
class SalesFigures:
    total: SalesCell
    by: dict[str, dict[object, SalesCell]]  # dimension → group key → cell
    category_names: dict[object, str]


def _sql(area: Area) -> tuple[str, list[str | int]]:
    where, where_params = area.where
    sql = f"""
WITH counted AS (
    SELECT
        l.producer_id,
        l.order_id,
        p.kind,
        p.disability_category AS disability,
        EXTRACT(MONTH FROM o.created_at AT TIME ZONE %s)::int AS month,
        root.id AS category,
        root.name AS category_name,
        {area.child} AS child,
        CASE
            WHEN l.beneficiary_household_ref <> '' THEN 'h:' || l.beneficiary_household_ref
            WHEN p.kind = ANY(%s) THEN 'p:' || p.id::text
        END AS household,
        l.quantity,
        l.total_price_amount AS value
    FROM orders_orderline l
    JOIN orders_order o ON o.id = l.order_id
    JOIN orders_suborder s ON s.id = l.sub_order_id
    JOIN producers_producer p ON p.id = l.producer_id
    JOIN regions_region r ON r.id = p.region_id
    LEFT JOIN catalog_productvariant v ON v.id = l.variant_id
    LEFT JOIN catalog_product pr ON pr.id = v.product_id
    LEFT JOIN catalog_category c ON c.id = pr.category_id
    LEFT JOIN catalog_category root ON root.tree_id = c.tree_id AND root.level = 0
    WHERE o.created_at >= %s AND o.created_at < %s
      AND o.payment_status = ANY(%s)
      AND NOT (s.status = ANY(%s))
      AND {where}
)
SELECT
    GROUPING(month, category, kind, disability, child) AS grouping_id,
    month, category, MAX(category_name), kind, disability, child,
    COUNT(DISTINCT producer_id),
    COUNT(DISTINCT household),
    COUNT(DISTINCT order_id),
    COALESCE(SUM(quantity), 0),
    COALESCE(SUM(value), 0),
    COALESCE(SUM(value) FILTER (WHERE household IS NOT NULL), 0)
FROM counted
GROUP BY GROUPING SETS ((), (month), (category), (kind), (disability), (child))
"""
    return sql, where_params


# GROUPING(month, category, kind, disability, child): the bit of a grouped column is 0.
_GROUPING_IDS = {
    0b01111: "month",
    0b10111: "category",
    0b11011: "kind",
    0b11101: "disability",
    0b11110: "child",
}
_ALL = 0b11111


def sales_figures(area: Area, year: int) -> SalesFigures:
    sql, where_params = _sql(area)
    start, end = year_bounds(year)
    params: list[Any] = [
        time_zone_name(),
        list(HOUSEHOLD_SHOPS),
        start,
        end,
        list(PAID),
        list(NOT_COUNTED),
        *where_params,
    ]
    by: dict[str, dict[object, SalesCell]] = {dimension: {} for dimension in DIMENSIONS}
    names: dict[object, str] = {}
    total = EMPTY
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for grouping_id, month, category, category_name, kind, disability, child, *figures in rows:
        cell = SalesCell(
            sellers=figures[0],
            households=figures[1],
            orders=figures[2],
            quantity=int(figures[3]),
            value=Decimal(figures[4]),
            household_value=Decimal(figures[5]),
        )
        if grouping_id == _ALL:
            total = cell
            continue
        dimension = _GROUPING_IDS[grouping_id]
        key = {
            "month": month,
            "category": category,
            "kind": kind,
            "disability": disability,
            "child": child,
        }[dimension]
        by[dimension][key] = cell
        if dimension == "category" and category is not None:
            names[category] = category_name
    return SalesFigures(total=total, by=by, category_names=names)
