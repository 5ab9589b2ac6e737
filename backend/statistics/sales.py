"""Sales of a region's producers in a year, in one SQL statement (and one for names).

Counted sales: order lines of paid orders (payment fully charged or partly refunded) whose
sub-order is not cancelled or refunded, placed in the year (Asia/Shanghai), of producers whose
region lies in the area. Value = the lines' totals (goods, without shipping); volume = units;
orders = shop orders (sub-orders: an order from two shops counts as two).

Households reached (beneficiary attribution): a line's household is its
`beneficiary_household_ref` (the supplying household of a cooperative or enterprise-run shop)
or, for a shop that is itself a household (a disabled individual or a registered poor
household), the shop; lines with neither reach no household. Income per household = the
attributed value / the households reached. Household references are counted by their 64-bit
hash (`hashtextextended`): integers group far faster than text, and two references sharing a
hash are about as likely as one in 10^7 at a million households.

The statement picks the year's counted shop orders of the area's shops, reads their lines
once and sums them per shop, month, variant and household (`pre`); from those sums it takes
per shop, month and top-level category totals (`facts`) and the households reached (`reached`),
and groups each by GROUPING SETS: the whole area, month, category, producer kind, disability
category and child region. Category names are read by a second query.
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


def sales_figures(area: Area, year: int) -> SalesFigures:
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
    names.update(
        Category.objects.filter(
            pk__in=[key for key in by["category"] if key is not None]
        ).values_list("pk", "name")
    )
    return SalesFigures(total=total, by=by, category_names=names, orders=orders)
