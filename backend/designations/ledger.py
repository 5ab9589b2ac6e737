"""The year's figures of candidates, read from the order-line ledger in set-based SQL.

What counts as a sale in year Y (calendar year in the project's time zone, Asia/Shanghai):

- **shop sales** — sub-orders of orders placed in Y, paid (payment fully charged or partly
  refunded), not cancelled and not refunded, each counting its goods value minus what was
  refunded on it, never below 0: `GREATEST(sub_order.subtotal − sub_order.refunded, 0)`, which
  is the sum of its order lines' totals net of the refund. Shipping is not a sale. Orders that
  are procurement deliveries are left out here (they are counted below, once).
- **procurement sales** — procurement order lines (contract deliveries and accepted quotes)
  created in Y, at the value the enterprise ACCEPTED after its quality check
  (`accepted_amount`; 0 until checked, so scheduled or rejected deliveries count nothing).

Households supplying a producer = distinct non-empty `beneficiary_household_ref` on its counted
order lines (those of counted shop sub-orders) and on its accepted procurement lines; "disabled
households" are those of them whose code is a programme `Household` with a disabled member
(`backend.programme`: a member holding a disability category). Households a producer DRIVES
= those supplying it, and those linked to it in the programme's records as member, supplier or
employee households during the year (`HouseholdProducerLink`), counted once.

Bases an enterprise sources from = distinct producers of the sourcing policy's base kinds on its
accepted procurement lines created in Y. Disabled employees = the producer's recorded count
(`Producer.disabled_employee_count`), or for an enterprise the sum of its verified "employs"
benefit links of Y.

Every function is ONE statement whatever the number of candidates.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from backend.designations.policies import Figures, RegionPath, Thresholds
from backend.enterprises.models import BenefitKind, BenefitLink, BenefitLinkStatus, Enterprise
from backend.orders.models import Order, OrderLine, OrderStatus, PaymentStatus, SubOrder
from backend.procurement.models import ProcurementOrder, ProcurementOrderLine
from backend.producers.models import Producer
from backend.programme.models import Household, HouseholdLinkKind, HouseholdProducerLink
from backend.regions.models import Region

ZERO = Decimal("0.00")
PAID = (PaymentStatus.FULLY_CHARGED, PaymentStatus.PARTIALLY_REFUNDED)
NOT_COUNTED = (OrderStatus.CANCELLED, OrderStatus.REFUNDED)


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_default_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=zone),
        datetime.datetime(year + 1, 1, 1, tzinfo=zone),
    )


@dataclass(frozen=True)
class CandidateRow:
    subject: str
    subject_id: int
    name: str
    kind: str
    region_name: str
    path: RegionPath
    figures: Figures


def _tables() -> dict[str, str]:
    return {
        "order": Order._meta.db_table,
        "sub_order": SubOrder._meta.db_table,
        "line": OrderLine._meta.db_table,
        "proc_order": ProcurementOrder._meta.db_table,
        "proc_line": ProcurementOrderLine._meta.db_table,
        "producer": Producer._meta.db_table,
        "household": Household._meta.db_table,
        "link": HouseholdProducerLink._meta.db_table,
        "region": Region._meta.db_table,
    }


# The producers are an array parameter (`= ANY(%s)`): the planner then knows how many there
# are and joins the year's rows by hash instead of one index probe per sub-order.
_COUNTED_CTES = """
counted AS (
    SELECT so.id, so.producer_id,
           GREATEST(so.subtotal_amount - so.refunded_amount, 0) AS amount,
           o.created_at
    FROM {sub_order} so
    JOIN {order} o ON o.id = so.order_id
    WHERE o.created_at >= %s AND o.created_at < %s
      AND o.payment_status IN (%s, %s)
      AND so.status NOT IN (%s, %s)
      AND so.producer_id = ANY(%s)
      AND NOT EXISTS (SELECT 1 FROM {proc_order} po WHERE po.order_id = o.id)
),
accepted AS (
    SELECT pl.producer_id, pl.accepted_amount AS amount, pl.beneficiary_household_ref AS ref,
           pl.created_at
    FROM {proc_line} pl
    WHERE pl.created_at >= %s AND pl.created_at < %s AND pl.accepted_amount > 0
      AND pl.producer_id = ANY(%s)
)"""


def _counted_params(year: int, ids: list[int]) -> list[Any]:
    start, end = year_bounds(year)
    return [start, end, *PAID, *NOT_COUNTED, ids, start, end, ids]


_HOUSEHOLD_COLUMNS = {
    "households": "h.households",
    "disabled_households": "h.disabled_households",
    "driven_households": "d.driven_households",
}
# Ties through which a producer drives a household beyond its supplies (not its own shop).
DRIVING_LINKS = (HouseholdLinkKind.MEMBER, HouseholdLinkKind.SUPPLIER, HouseholdLinkKind.EMPLOYEE)


def _linked_params(year: int, ids: list[int]) -> list[Any]:
    return [
        [str(kind) for kind in DRIVING_LINKS],
        datetime.date(year, 12, 31),
        datetime.date(year, 1, 1),
        ids,
    ]


def _disabled_households_sql() -> tuple[str, tuple[Any, ...]]:
    """Codes of the programme's households with a disabled member."""
    households = Household.objects.with_disabled_member().order_by().values("code")
    sql, params = households.query.sql_with_params()
    return sql, tuple(params)


_PRODUCER_FIGURES = (
    "WITH"
    + _COUNTED_CTES
    + """,
sales AS (
    SELECT producer_id, SUM(amount) AS sales
    FROM (SELECT producer_id, amount FROM counted
          UNION ALL SELECT producer_id, amount FROM accepted) s
    GROUP BY producer_id
),
supplying AS (
    -- each (producer, household) pair once: the year's lines collapse to a few per household
    SELECT DISTINCT producer_id, ref
    FROM (SELECT l.producer_id, l.beneficiary_household_ref AS ref
          FROM {line} l JOIN counted c ON c.id = l.sub_order_id
          WHERE l.beneficiary_household_ref <> ''
          UNION ALL SELECT producer_id, ref FROM accepted WHERE ref <> '') s
),
households AS (
    SELECT producer_id, COUNT(*) AS households,
           COUNT(*) FILTER (WHERE ref IN ({disabled})) AS disabled_households
    FROM supplying
    GROUP BY producer_id
),
linked AS (
    SELECT hl.producer_id, hh.code AS ref
    FROM {link} hl JOIN {household} hh ON hh.id = hl.household_id
    WHERE hl.kind = ANY(%s) AND hl.started_on <= %s
      AND (hl.ended_on IS NULL OR hl.ended_on >= %s)
      AND hl.producer_id = ANY(%s)
),
driven AS (
    SELECT producer_id, COUNT(*) AS driven_households
    FROM (SELECT producer_id, ref FROM supplying UNION SELECT producer_id, ref FROM linked) d
    GROUP BY producer_id
)
SELECT p.id, p.name, p.kind, r.full_name, r.name, p.region_id, r.parent_id,
       r.province_code, r.city_code, r.county_code,
       COALESCE(s.sales, 0), COALESCE(h.households, 0), p.disabled_employee_count,
       COALESCE(h.disabled_households, 0), COALESCE(d.driven_households, 0)
FROM {producer} p
JOIN {region} r ON r.id = p.region_id
LEFT JOIN sales s ON s.producer_id = p.id
LEFT JOIN households h ON h.producer_id = p.id
LEFT JOIN driven d ON d.producer_id = p.id
WHERE p.id = ANY(%s) AND ({having})
ORDER BY p.name, p.id
"""
)


def producer_figures(
    year: int,
    producers: QuerySet[Producer],
    *,
    at_least: Iterable[tuple[Iterable[str], Thresholds, str]],
    also: Iterable[int] = (),
) -> list[CandidateRow]:
    """Figures of the producers of the given kinds that reach at least one of `at_least` (each
    a policy's producer kinds and lowest thresholds; the exact test per region follows in
    Python on these few rows), and of the producers `also` named (designated ones)."""
    ids = list(producers.order_by("pk").values_list("pk", flat=True))
    having, having_params = _having(at_least)
    having = f"{having} OR p.id = ANY(%s)"
    having_params.append(sorted(set(also)))
    disabled, disabled_params = _disabled_households_sql()
    sql = _PRODUCER_FIGURES.format(having=having, disabled=disabled, **_tables())
    with transaction.atomic(), connection.cursor() as cursor:
        # The distinct household counts sort the year's supplying lines: in memory, not on disk.
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(
            sql,
            [
                *_counted_params(year, ids),
                *disabled_params,
                *_linked_params(year, ids),
                ids,
                *having_params,
            ],
        )
        rows = cursor.fetchall()
    return [
        CandidateRow(
            subject="producer",
            subject_id=row[0],
            name=row[1],
            kind=row[2],
            region_name=row[3] or row[4],
            path=RegionPath(row[5], row[6], row[7], row[8], row[9]),
            figures=Figures(
                sales_amount=Decimal(row[10]).quantize(Decimal("0.01")),
                households=row[11],
                disabled_employees=row[12],
                disabled_households=row[13],
                driven_households=row[14],
            ),
        )
        for row in rows
    ]


def _having(at_least: Iterable[tuple[Iterable[str], Thresholds, str]]) -> tuple[str, list[Any]]:
    """OR of each policy's test (its producer kinds AND its figures) on the lowest
    thresholds."""
    columns = {
        "min_sales_amount": "COALESCE(s.sales, 0) >= %s",
        "min_households": "COALESCE({households}, 0) >= %s",
        "min_disabled_employees": "p.disabled_employee_count >= %s",
    }
    branches: list[str] = []
    params: list[Any] = []
    for kinds, thresholds, households in at_least:
        parts: list[str] = ["p.kind = ANY(%s)"]
        params.append(sorted(kinds))
        for name, clause in columns.items():
            value = getattr(thresholds, name)
            if value is not None:
                parts.append(clause.format(households=_HOUSEHOLD_COLUMNS[households]))
                params.append(value)
        branches.append("(" + " AND ".join(parts) + ")")
    return (" OR ".join(branches) or "FALSE"), params


def enterprise_figures(
    year: int,
    enterprises: QuerySet[Enterprise],
    *,
    base_kinds: Iterable[str],
    min_bases: int | None,
    min_employees: int | None,
    also: Iterable[int] = (),
) -> list[CandidateRow]:
    """Enterprises reaching `min_bases` bases or `min_employees` disabled employees (None: that
    test is not asked for). One statement."""
    start, end = year_bounds(year)
    bases = (
        ProcurementOrderLine.objects.filter(
            enterprise_id=OuterRef("pk"),
            created_at__gte=start,
            created_at__lt=end,
            accepted_amount__gt=0,
            producer__kind__in=list(base_kinds),
        )
        .order_by()
        .values("enterprise_id")
        .annotate(n=Count("producer_id", distinct=True))
        .values("n")
    )
    employees = (
        BenefitLink.objects.filter(
            enterprise_id=OuterRef("pk"),
            year=year,
            kind=BenefitKind.EMPLOYS,
            status=BenefitLinkStatus.VERIFIED,
        )
        .order_by()
        .values("enterprise_id")
        .annotate(n=Sum("disabled_employee_count"))
        .values("n")
    )
    reach = Q(pk__in=sorted(set(also)))
    if min_bases is not None:
        reach |= Q(bases__gte=min_bases)
    if min_employees is not None:
        reach |= Q(employees__gte=min_employees)
    rows = (
        enterprises.order_by()
        .annotate(
            bases=Coalesce(Subquery(bases, output_field=IntegerField()), Value(0)),
            employees=Coalesce(Subquery(employees, output_field=IntegerField()), Value(0)),
        )
        .filter(reach)
        .values_list(
            "pk",
            "name",
            "kind",
            "region__full_name",
            "region__name",
            "region_id",
            "region__parent_id",
            "region__province_code",
            "region__city_code",
            "region__county_code",
            "bases",
            "employees",
        )
        .order_by("name", "pk")
    )
    return [
        CandidateRow(
            subject="enterprise",
            subject_id=row[0],
            name=row[1],
            kind=row[2],
            region_name=row[3] or row[4],
            path=RegionPath(row[5], row[6], row[7], row[8], row[9]),
            figures=Figures(bases=row[10], disabled_employees=row[11]),
        )
        for row in rows
    ]


# --- evidence of one candidate -------------------------------------------------------------

_MONTHLY_SALES = (
    "WITH"
    + _COUNTED_CTES
    + """
SELECT EXTRACT(MONTH FROM created_at AT TIME ZONE %s)::int AS month, SUM(amount), COUNT(*)
FROM (SELECT amount, created_at FROM counted
      UNION ALL SELECT amount, created_at FROM accepted) s
GROUP BY 1 ORDER BY 1
"""
)


@dataclass(frozen=True)
class MonthSales:
    month: int
    amount: Decimal
    sales: int


def producer_sales_by_month(year: int, producer_id: int) -> list[MonthSales]:
    """Twelve months (zero where nothing sold) of the producer's counted sales. One statement."""
    sql = _MONTHLY_SALES.format(**_tables())
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [*_counted_params(year, [producer_id]), str(timezone.get_default_timezone())]
        )
        found = {row[0]: (Decimal(row[1]), row[2]) for row in cursor.fetchall()}
    return [
        MonthSales(month, *found.get(month, (ZERO, 0)))  # type: ignore[arg-type]
        for month in range(1, 13)
    ]


_HOUSEHOLDS = (
    "WITH"
    + _COUNTED_CTES
    + """
SELECT ref, COUNT(*), SUM(amount), ref IN ({disabled}) FROM (
    SELECT l.beneficiary_household_ref AS ref, l.total_price_amount AS amount
    FROM {line} l JOIN counted c ON c.id = l.sub_order_id
    WHERE l.beneficiary_household_ref <> ''
    UNION ALL SELECT ref, amount FROM accepted WHERE ref <> '') h
GROUP BY ref ORDER BY 3 DESC, 1
"""
)


@dataclass(frozen=True)
class HouseholdSupply:
    household_ref: str
    lines: int
    amount: Decimal
    has_disabled_member: bool


def households_supplying(year: int, producer_id: int) -> list[HouseholdSupply]:
    """The households that supplied the producer's counted sales (value of their lines before
    any refund of the whole sub-order). One statement."""
    disabled, disabled_params = _disabled_households_sql()
    sql = _HOUSEHOLDS.format(disabled=disabled, **_tables())
    with connection.cursor() as cursor:
        cursor.execute(sql, [*_counted_params(year, [producer_id]), *disabled_params])
        return [
            HouseholdSupply(row[0], row[1], Decimal(row[2]), row[3]) for row in cursor.fetchall()
        ]


@dataclass(frozen=True)
class BaseSupply:
    producer_id: int
    producer_name: str
    region_name: str
    lines: int
    amount: Decimal


def bases_supplying(
    year: int, enterprise_id: int, *, base_kinds: Iterable[str]
) -> list[BaseSupply]:
    start, end = year_bounds(year)
    rows = (
        ProcurementOrderLine.objects.filter(
            enterprise_id=enterprise_id,
            created_at__gte=start,
            created_at__lt=end,
            accepted_amount__gt=0,
            producer__kind__in=list(base_kinds),
        )
        .values("producer_id", "producer__name", "producer__region__full_name")
        .annotate(lines=Count("pk"), amount=Sum("accepted_amount"))
        .order_by("-amount", "producer__name")
    )
    return [
        BaseSupply(
            row["producer_id"],
            row["producer__name"],
            row["producer__region__full_name"],
            row["lines"],
            row["amount"],
        )
        for row in rows
    ]


def employment_links(year: int, enterprise_id: int) -> list[BenefitLink]:
    return list(
        BenefitLink.objects.filter(
            enterprise_id=enterprise_id,
            year=year,
            kind=BenefitKind.EMPLOYS,
            status=BenefitLinkStatus.VERIFIED,
        ).order_by("pk")
    )
