"""The sales summary tables (`models.py`): refreshed before each read, rebuilt on demand.

Exactness: every change that can move a figure (an order line written or deleted, a sub-order's
status, an order's payment status or date, a shop's kind, region or disability category, a
product's category) writes a `StaleMark` through a database trigger in the changing
transaction itself, whatever code path made it (services, admin, bulk SQL). `refresh()` takes
a transaction-scoped advisory lock (one refresher at a time), deletes the marks it can see and,
in a later statement (whose snapshot therefore holds every change those marks stand for),
recomputes the marked shops' and households' rows from their live order lines. A change
committed meanwhile leaves its mark for the next read. Not marked (run `statistics_rebuild`):
moves in the category tree and changes of region codes.

`rebuild()` truncates and recomputes everything in one transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction

from backend.orders.models import OrderStatus, PaymentStatus
from backend.producers.models import ProducerKind
from backend.regions.models import Region, RegionLevel
from backend.statistics.periods import time_zone_name

PAID = (PaymentStatus.FULLY_CHARGED.value, PaymentStatus.PARTIALLY_REFUNDED.value)
NOT_COUNTED = (OrderStatus.CANCELLED.value, OrderStatus.REFUNDED.value)
HOUSEHOLD_SHOPS = (ProducerKind.DISABLED_INDIVIDUAL.value, ProducerKind.POOR_HOUSEHOLD.value)
KINDS = tuple(kind.value for kind in ProducerKind)  # bit i + 1 of HouseholdReach.kinds

LOCK_KEY = 7_340_061  # pg_advisory_xact_lock key of the summary refresh

SALES = "programme_statistics_shopsales"
ORDERS = "programme_statistics_shoporders"
REACH = "programme_statistics_householdreach"
MARKS = "programme_statistics_stalemark"


def area_key(region: Region) -> str:
    """The `HouseholdReach.area` of a region (the same rows `Area(region).where` selects)."""
    level = region.level
    if level == RegionLevel.PROVINCE:
        return f"p:{region.code or ''}"
    if level == RegionLevel.CITY:
        return f"c:{region.code or ''}"
    if level == RegionLevel.COUNTY:
        return f"k:{region.code or ''}"
    if level == RegionLevel.TOWNSHIP:
        return f"t:{region.pk}"
    return f"v:{region.pk}"


def _counted(where: str) -> str:
    """Counted order lines (paid order, sub-order not cancelled or refunded) matching `where`,
    with their local year and month and top-level category."""
    return f"""
    SELECT s.producer_id, l.beneficiary_household_ref AS ref, l.quantity,
        l.total_price_amount AS value,
        EXTRACT(YEAR FROM o.created_at AT TIME ZONE %(zone)s)::int AS year,
        EXTRACT(MONTH FROM o.created_at AT TIME ZONE %(zone)s)::int AS month,
        root.id AS category
    FROM orders_orderline l
    JOIN orders_suborder s ON s.id = l.sub_order_id
    JOIN orders_order o ON o.id = s.order_id
    LEFT JOIN catalog_productvariant v ON v.id = l.variant_id
    LEFT JOIN catalog_product pr ON pr.id = v.product_id
    LEFT JOIN catalog_category c ON c.id = pr.category_id
    LEFT JOIN catalog_category root ON root.tree_id = c.tree_id AND root.level = 0
    WHERE o.payment_status = ANY(%(paid)s) AND NOT (s.status = ANY(%(not_counted)s))
      AND {where}"""


def _fill_sql(*, shops: str, suborders: str, refs: str, deletes: str) -> str:
    """One statement: `deletes` (data-modifying CTEs) then the rows of the shops matching
    `shops` (lines) / `suborders` and of the households whose lines match `refs` or whose own
    shop matches `shops`."""
    return f"""
WITH {deletes}
shop_lines AS MATERIALIZED ({_counted(shops)}
), ref_lines AS MATERIALIZED ({_counted(refs)}
), ins_sales AS (
    INSERT INTO {SALES} (producer_id, year, month, category_id, quantity, value, household_value)
    SELECT k.producer_id, k.year, k.month, k.category, SUM(k.quantity), SUM(k.value),
        COALESCE(SUM(k.value) FILTER (
            WHERE k.ref <> '' OR p.kind = ANY(%(household_shops)s)), 0)
    FROM shop_lines k JOIN producers_producer p ON p.id = k.producer_id
    GROUP BY 1, 2, 3, 4
), ins_orders AS (
    INSERT INTO {ORDERS} (producer_id, year, month, orders)
    SELECT s.producer_id,
        EXTRACT(YEAR FROM o.created_at AT TIME ZONE %(zone)s)::int,
        EXTRACT(MONTH FROM o.created_at AT TIME ZONE %(zone)s)::int,
        COUNT(*)
    FROM orders_suborder s JOIN orders_order o ON o.id = s.order_id
    WHERE o.payment_status = ANY(%(paid)s) AND NOT (s.status = ANY(%(not_counted)s))
      AND {suborders}
    GROUP BY 1, 2, 3
), household_lines AS (
    SELECT k.year, k.month, k.category,
        CASE WHEN k.ref <> '' THEN hashtextextended(k.ref, 0) ELSE -k.producer_id::bigint END
            AS household,
        array_position(%(kinds)s::text[], p.kind::text) AS kind_bit,
        COALESCE(p.disability_category, 0) AS disability_bit,
        r.id AS rid, r.level, r.parent_id, r.province_code, r.city_code, r.county_code
    FROM (SELECT * FROM ref_lines
          UNION ALL SELECT * FROM shop_lines WHERE ref = '') k
    JOIN producers_producer p ON p.id = k.producer_id
    JOIN regions_region r ON r.id = p.region_id
    WHERE k.ref <> '' OR p.kind = ANY(%(household_shops)s)
), ins_reach AS (
    INSERT INTO {REACH}
        (year, area, household, months, kinds, disabilities, categories, children)
    SELECT h.year, a.area, h.household, bit_or(1 << h.month), bit_or(1 << h.kind_bit),
        bit_or(1 << h.disability_bit), array_agg(DISTINCT h.category),
        array_agg(DISTINCT a.child)
    FROM household_lines h CROSS JOIN LATERAL (VALUES
        (CASE WHEN h.province_code <> '' THEN 'p:' || h.province_code END,
         NULLIF(h.city_code, '')),
        (CASE WHEN h.city_code <> '' THEN 'c:' || h.city_code END, NULLIF(h.county_code, '')),
        (CASE WHEN h.county_code <> '' THEN 'k:' || h.county_code END,
         CASE h.level WHEN 4 THEN h.rid::text WHEN 5 THEN h.parent_id::text END),
        (CASE h.level WHEN 4 THEN 't:' || h.rid WHEN 5 THEN 't:' || h.parent_id END,
         CASE WHEN h.level = 5 THEN h.rid::text END),
        (CASE WHEN h.level = 5 THEN 'v:' || h.rid END, NULL)
    ) AS a(area, child)
    WHERE a.area IS NOT NULL
    GROUP BY h.year, a.area, h.household
)
SELECT 1"""


REFRESH_SQL = _fill_sql(
    deletes=f"""
del_sales AS (DELETE FROM {SALES} WHERE producer_id = ANY(%(producers)s)),
del_orders AS (DELETE FROM {ORDERS} WHERE producer_id = ANY(%(producers)s)),
del_reach AS (
    DELETE FROM {REACH} WHERE household = ANY(
        ARRAY(SELECT hashtextextended(ref, 0) FROM unnest(%(refs)s::text[]) ref)
        || ARRAY(SELECT -id::bigint FROM unnest(%(producers)s::int[]) id))
),""",
    shops="s.producer_id = ANY(%(producers)s)",
    suborders="s.producer_id = ANY(%(producers)s)",
    refs="l.beneficiary_household_ref = ANY(%(refs)s)",
)

REBUILD_SQL = _fill_sql(
    deletes="", shops="TRUE", suborders="TRUE", refs="l.beneficiary_household_ref <> ''"
)


def _params() -> dict[str, Any]:
    return {
        "zone": time_zone_name(),
        "paid": list(PAID),
        "not_counted": list(NOT_COUNTED),
        "household_shops": list(HOUSEHOLD_SHOPS),
        "kinds": list(KINDS),
    }


def refresh() -> None:
    """Bring the summary rows of every marked shop and household up to date (a constant four
    statements inside one savepoint or transaction, whether anything was marked or not)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        cursor.execute(f"DELETE FROM {MARKS} RETURNING producer_id, household_ref")
        producers: set[int] = set()
        refs: set[str] = set()
        for producer_id, household_ref in cursor.fetchall():
            if producer_id is not None:
                producers.add(producer_id)
            if household_ref:
                refs.add(household_ref)
        cursor.execute(
            REFRESH_SQL,
            {**_params(), "producers": sorted(producers), "refs": sorted(refs)},
        )


def rebuild() -> None:
    """Recompute every summary row from the live order lines (one transaction)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        cursor.execute("SET LOCAL work_mem = '256MB'")
        # Marks are deleted, not truncated, so that checkouts writing new ones do not wait;
        # the fill's later snapshot holds every change whose mark this deleted.
        cursor.execute(f"DELETE FROM {MARKS}")
        cursor.execute(f"TRUNCATE {SALES}, {ORDERS}, {REACH}")
        cursor.execute(REBUILD_SQL, _params())
