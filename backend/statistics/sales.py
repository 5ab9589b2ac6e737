"""Sales of a region's producers in a year.

Counted sales: order lines of paid orders (payment fully charged or partly refunded) whose
sub-order is not cancelled or refunded, placed in the year (Asia/Shanghai), of producers whose
region lies in the area. Value = the lines' totals (goods, without shipping); volume = units;
orders = shop orders (sub-orders: an order from two shops counts as two).

Households reached (beneficiary attribution): a line's household is its
`beneficiary_household_ref` (the supplying household of a cooperative or enterprise-run shop)
or, for a shop that is itself a household (a disabled individual or a registered poor
household), the shop; lines with neither reach no household. Income per household = the
attributed value / the households reached. Household references are counted by their 64-bit
hash (`hashtextextended`): two references sharing a hash are about as likely as one in 10^7 at
a million households.

`sales_figures` (what the pages, exports and GraphQL read) reads the summary tables
(`models.py`, kept exact by `summaries.py`): sums per shop, month and top-level category,
grouped by GROUPING SETS over the whole area, month, category, producer kind, disability
category and child region; and one row per household reached in the area (its months, kinds,
disability categories, categories and child regions as bit sets and arrays), so a distinct
count is a row count. `live_sales_figures` computes the same figures from the order lines in
one statement; the tests hold the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from backend.catalog.models import Category
from backend.orders.models import OrderStatus, PaymentStatus
from backend.producers.models import ProducerKind
from backend.statistics.areas import Area
from backend.statistics.periods import time_zone_name, year_bounds
from backend.statistics.summaries import KINDS, ORDERS, REACH, SALES, area_key, refresh

PAID = (PaymentStatus.FULLY_CHARGED.value, PaymentStatus.PARTIALLY_REFUNDED.value)
NOT_COUNTED = (OrderStatus.CANCELLED.value, OrderStatus.REFUNDED.value)
HOUSEHOLD_SHOPS = (ProducerKind.DISABLED_INDIVIDUAL.value, ProducerKind.POOR_HOUSEHOLD.value)
ZERO = Decimal("0.00")

# Room for the year's lines of a province to be grouped in memory (set for this statement's
# transaction only).
WORK_MEM = "128MB"

DIMENSIONS = ("month", "category", "kind", "disability", "child")


@dataclass(frozen=True)
class SalesCell:
    sellers: int
    households: int
    quantity: int
    value: Decimal
    household_value: Decimal

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
    orders: int = 0  # shop orders (sub-orders): an order from two shops counts twice


def _sql(area: Area) -> str:
    """Parameters: producer ids, time zone, start, end, paid, not counted, household shops."""
    dimensions = "GROUPING SETS ((), (f.month), (f.category), (a.kind), (a.disability), (a.child))"
    return f"""
WITH area_producers AS MATERIALIZED (
    SELECT p.id, p.kind, p.disability_category AS disability, {area.child} AS child,
           p.kind = ANY(%(household_shops)s) AS household_shop
    FROM producers_producer p JOIN regions_region r ON r.id = p.region_id
    WHERE p.id = ANY(%(producers)s)
), shop_orders AS MATERIALIZED (
    SELECT s.id, s.producer_id,
           EXTRACT(MONTH FROM o.created_at AT TIME ZONE %(zone)s)::int AS month
    FROM orders_suborder s JOIN orders_order o ON o.id = s.order_id
    WHERE s.producer_id = ANY(%(producers)s)
      AND o.created_at >= %(start)s AND o.created_at < %(end)s
      AND o.payment_status = ANY(%(paid)s)
      AND NOT (s.status = ANY(%(not_counted)s))
), pre AS MATERIALIZED (
    SELECT so.producer_id, so.month, l.variant_id,
        CASE
            WHEN l.beneficiary_household_ref <> ''
                THEN hashtextextended(l.beneficiary_household_ref, 0)
            WHEN a.household_shop THEN -so.producer_id
        END AS household,
        SUM(l.quantity) AS quantity, SUM(l.total_price_amount) AS value
    FROM orders_orderline l
    JOIN shop_orders so ON so.id = l.sub_order_id
    JOIN area_producers a ON a.id = so.producer_id
    GROUP BY 1, 2, 3, 4
), categories AS MATERIALIZED (
    SELECT v.id AS variant_id, root.id AS category
    FROM catalog_productvariant v
    JOIN catalog_product pr ON pr.id = v.product_id
    JOIN catalog_category c ON c.id = pr.category_id
    JOIN catalog_category root ON root.tree_id = c.tree_id AND root.level = 0
    WHERE pr.producer_id = ANY(%(producers)s)
), facts AS MATERIALIZED (
    SELECT p.producer_id, p.month, k.category,
           SUM(p.quantity) AS quantity, SUM(p.value) AS value,
           SUM(p.value) FILTER (WHERE p.household IS NOT NULL) AS household_value
    FROM pre p LEFT JOIN categories k ON k.variant_id = p.variant_id
    GROUP BY p.producer_id, p.month, k.category
), reached AS MATERIALIZED (
    SELECT DISTINCT p.household, p.producer_id, p.month, k.category
    FROM pre p LEFT JOIN categories k ON k.variant_id = p.variant_id
    WHERE p.household IS NOT NULL
), sums AS (
    SELECT GROUPING(f.month, f.category, a.kind, a.disability, a.child) AS grouping_id,
        f.month, f.category, a.kind, a.disability, a.child,
        COUNT(DISTINCT f.producer_id) AS sellers,
        COALESCE(SUM(f.quantity), 0) AS quantity,
        COALESCE(SUM(f.value), 0) AS value,
        COALESCE(SUM(f.household_value), 0) AS household_value
    FROM facts f JOIN area_producers a ON a.id = f.producer_id
    GROUP BY {dimensions}
), households AS (
    SELECT GROUPING(f.month, f.category, a.kind, a.disability, a.child) AS grouping_id,
        f.month, f.category, a.kind, a.disability, a.child,
        COUNT(DISTINCT f.household) AS households
    FROM reached f JOIN area_producers a ON a.id = f.producer_id
    GROUP BY {dimensions}
)
SELECT s.grouping_id, s.month, s.category, s.kind, s.disability, s.child,
    s.sellers, COALESCE(h.households, 0), (SELECT COUNT(*) FROM shop_orders),
    s.quantity, s.value, s.household_value
FROM sums s LEFT JOIN households h
  ON h.grouping_id = s.grouping_id
 AND h.month IS NOT DISTINCT FROM s.month AND h.category IS NOT DISTINCT FROM s.category
 AND h.kind IS NOT DISTINCT FROM s.kind AND h.disability IS NOT DISTINCT FROM s.disability
 AND h.child IS NOT DISTINCT FROM s.child
"""


# GROUPING(month, category, kind, disability, child): the bit of a grouped column is 0.
_GROUPING_IDS = {
    0b01111: "month",
    0b10111: "category",
    0b11011: "kind",
    0b11101: "disability",
    0b11110: "child",
}
_ALL = 0b11111


def live_sales_figures(area: Area, year: int) -> SalesFigures:
    """The figures computed from the live order lines (the reference the summary tables are
    tested against; the pages read `sales_figures`)."""
    start, end = year_bounds(year)
    params: dict[str, Any] = {
        "producers": area.producer_ids,
        "zone": time_zone_name(),
        "start": start,
        "end": end,
        "paid": list(PAID),
        "not_counted": list(NOT_COUNTED),
        "household_shops": list(HOUSEHOLD_SHOPS),
    }
    by: dict[str, dict[object, SalesCell]] = {dimension: {} for dimension in DIMENSIONS}
    names: dict[object, str] = {}
    total = EMPTY
    orders = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute(_sql(area), params)
        rows = cursor.fetchall()
    for grouping_id, month, category, kind, disability, child, *figures in rows:
        cell = SalesCell(
            sellers=figures[0],
            households=figures[1],
            quantity=int(figures[3]),
            value=Decimal(figures[4]),
            household_value=Decimal(figures[5]),
        )
        orders = figures[2]
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
    return _named(SalesFigures(total=total, by=by, category_names=names, orders=orders))


def _named(figures: SalesFigures) -> SalesFigures:
    names = figures.category_names
    by = figures.by
    names.update(
        Category.objects.filter(
            pk__in=[key for key in by["category"] if key is not None]
        ).values_list("pk", "name")
    )
    return figures


def _summary_facts_sql(area: Area) -> str:
    """Parameters: producer ids, year. Sums per shop, month and category from ShopSales."""
    dimensions = "GROUPING SETS ((), (f.month), (f.category), (a.kind), (a.disability), (a.child))"
    return f"""
WITH area_producers AS MATERIALIZED (
    SELECT p.id, p.kind, p.disability_category AS disability, {area.child} AS child
    FROM producers_producer p JOIN regions_region r ON r.id = p.region_id
    WHERE p.id = ANY(%(producers)s)
), f AS (
    SELECT producer_id, month, category_id AS category, quantity, value, household_value
    FROM {SALES} WHERE year = %(year)s AND producer_id = ANY(%(producers)s)
)
SELECT GROUPING(f.month, f.category, a.kind, a.disability, a.child) AS grouping_id,
    f.month, f.category, a.kind, a.disability, a.child,
    COUNT(DISTINCT f.producer_id),
    (SELECT COALESCE(SUM(orders), 0) FROM {ORDERS}
     WHERE year = %(year)s AND producer_id = ANY(%(producers)s)),
    COALESCE(SUM(f.quantity), 0), COALESCE(SUM(f.value), 0), COALESCE(SUM(f.household_value), 0)
FROM f JOIN area_producers a ON a.id = f.producer_id
GROUP BY {dimensions}
"""


# (dimension, key, bit column, bit) of the households counted from HouseholdReach bit sets.
_BITS: tuple[tuple[str, object, str, int], ...] = (
    *(("month", month, "months", month) for month in range(1, 13)),
    *(("kind", kind, "kinds", index + 1) for index, kind in enumerate(KINDS)),
    ("disability", None, "disabilities", 0),
    *(("disability", category, "disabilities", category) for category in range(1, 8)),
)


def _summary_households_sql() -> str:
    """Parameters: year, area. Distinct households per group: one row per household reached
    in the area, so each group counts rows (bit tests for months, kinds, disability
    categories; array elements for categories and child regions)."""
    dimensions = ", ".join(f"'{dimension}'" for dimension, _key, _column, _bit in _BITS)
    keys = ", ".join("NULL" if key is None else f"'{key}'" for _d, key, _c, _b in _BITS)
    counts = ", ".join(
        f"COUNT(*) FILTER (WHERE {column} & {1 << bit} <> 0)" for _d, _k, column, bit in _BITS
    )
    return f"""
WITH h AS MATERIALIZED (
    SELECT months, kinds, disabilities, categories, children
    FROM {REACH} WHERE year = %(year)s AND area = %(area)s
)
SELECT 'total', NULL::text, COUNT(*) FROM h
UNION ALL
SELECT unnest(ARRAY[{dimensions}]), unnest(ARRAY[{keys}]::text[]), unnest(ARRAY[{counts}])
FROM h
UNION ALL
SELECT 'category', c::text, COUNT(*) FROM h CROSS JOIN LATERAL unnest(h.categories) c GROUP BY c
UNION ALL
SELECT 'child', k, COUNT(*) FROM h CROSS JOIN LATERAL unnest(h.children) k GROUP BY k
"""


def _household_key(dimension: str, key: str | None) -> object:
    if key is None:
        return None
    if dimension in ("month", "category", "disability"):
        return int(key)
    return key


def sales_figures(area: Area, year: int) -> SalesFigures:
    """The area's sales in the year from the summary tables, refreshed first (see
    `summaries.py`): the refresh's four statements, then two reads and the category names."""
    refresh()
    params: dict[str, Any] = {
        "producers": area.producer_ids,
        "year": year,
        "area": area_key(area.region),
    }
    with connection.cursor() as cursor:
        cursor.execute(_summary_facts_sql(area), params)
        fact_rows = cursor.fetchall()
        cursor.execute(_summary_households_sql(), params)
        household_rows = cursor.fetchall()
    households: dict[str, dict[object, int]] = {dimension: {} for dimension in DIMENSIONS}
    total_households = 0
    for dimension, key, count in household_rows:
        if dimension == "total":
            total_households = count
        elif count:
            households[dimension][_household_key(dimension, key)] = count
    by: dict[str, dict[object, SalesCell]] = {dimension: {} for dimension in DIMENSIONS}
    total = EMPTY
    orders = 0
    for grouping_id, month, category, kind, disability, child, *figures in fact_rows:
        orders = int(figures[1])
        if grouping_id == _ALL:
            total = _cell(figures, total_households)
            continue
        dimension = _GROUPING_IDS[grouping_id]
        key = {
            "month": month,
            "category": category,
            "kind": kind,
            "disability": disability,
            "child": child,
        }[dimension]
        by[dimension][key] = _cell(figures, households[dimension].get(key, 0))
    return _named(SalesFigures(total=total, by=by, category_names={}, orders=orders))


def _cell(figures: list[Any], households: int) -> SalesCell:
    return SalesCell(
        sellers=figures[0],
        households=households,
        quantity=int(figures[2]),
        value=Decimal(figures[3]),
        household_value=Decimal(figures[4]),
    )
