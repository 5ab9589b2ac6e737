"""Figures from the programme records (`backend.programme`, `backend.designations`) for a
region and year, each in one SQL statement over the denormalised region codes:

- people trained: completed enrolments whose completion date is in the year, on courses held
  in the area; by tier, by track and by child region (GROUPING SETS); `disabled` counts the
  enrolments of disabled people (`Enrolment.is_disabled`).
- households out of poverty: households of the area recorded out of poverty (脱贫) in the year.
- recorded household income: households of the area with an income record for the year, the
  average income per person, the average baseline of those with a baseline, and how many are
  above their baseline.
- leaders: confirmed leader designations (致富带头人) of the year in the area.
- targets: the region's own targets for the year (targets are set per region, not summed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection

from backend.designations.models import Designation, DesignationKind, DesignationStatus
from backend.programme.models import (
    Course,
    Enrolment,
    Household,
    HouseholdIncome,
    PovertyStatus,
    Target,
)
from backend.statistics.areas import Area


@dataclass(frozen=True)
class TrainedCell:
    people: int
    disabled: int


@dataclass(frozen=True)
class Training:
    total: TrainedCell
    by_tier: dict[str, TrainedCell] = field(default_factory=dict)
    by_track: dict[str, TrainedCell] = field(default_factory=dict)
    by_child: dict[str | None, TrainedCell] = field(default_factory=dict)


def people_trained(area: Area, year: int) -> Training:
    where, params = area.where
    sql = f"""
SELECT GROUPING(c.tier, c.track, {area.child}), c.tier, c.track, {area.child},
       COUNT(*), COUNT(*) FILTER (WHERE e.is_disabled)
FROM {Enrolment._meta.db_table} e
JOIN {Course._meta.db_table} c ON c.id = e.course_id
JOIN regions_region r ON r.id = c.region_id
WHERE e.completed AND e.completed_on >= make_date(%s, 1, 1)
  AND e.completed_on < make_date(%s + 1, 1, 1) AND {where}
GROUP BY GROUPING SETS ((), (c.tier), (c.track), ({area.child}))
"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [year, year, *params])
        rows = cursor.fetchall()
    training = Training(total=TrainedCell(0, 0))
    total = training.total
    for grouping, tier, track, child, people, disabled in rows:
        cell = TrainedCell(people, disabled)
        if grouping == 0b111:
            total = cell
        elif grouping == 0b011:
            training.by_tier[tier] = cell
        elif grouping == 0b101:
            training.by_track[track] = cell
        else:
            training.by_child[child] = cell
    return Training(total, training.by_tier, training.by_track, training.by_child)


@dataclass(frozen=True)
class HouseholdRecords:
    out_of_poverty: int
    out_of_poverty_by_child: dict[str | None, int]
    with_income: int
    average_income: Decimal | None
    with_baseline: int
    average_baseline: Decimal | None
    above_baseline: int
    leaders: int


def household_records(area: Area, year: int) -> HouseholdRecords:
    """Out of poverty (total and per child), recorded incomes and leaders: one statement."""
    where, params = area.where
    households = Household._meta.db_table
    sql = f"""
WITH poverty AS (
    SELECT GROUPING({area.child}) AS whole, {area.child} AS child, COUNT(*) AS n
    FROM {households} h JOIN regions_region r ON r.id = h.region_id
    WHERE h.poverty_status = %s AND h.out_of_poverty_year = %s AND {where}
    GROUP BY GROUPING SETS ((), ({area.child}))
), income AS (
    SELECT COUNT(*) AS n, AVG(i.income_per_person) AS average,
           COUNT(h.baseline_income_per_person) AS with_baseline,
           AVG(h.baseline_income_per_person) AS baseline,
           COUNT(*) FILTER (WHERE i.income_per_person > h.baseline_income_per_person) AS above
    FROM {HouseholdIncome._meta.db_table} i
    JOIN {households} h ON h.id = i.household_id
    JOIN regions_region r ON r.id = h.region_id
    WHERE i.year = %s AND {where}
), leaders AS (
    SELECT COUNT(*) AS n
    FROM {Designation._meta.db_table} d JOIN regions_region r ON r.id = d.region_id
    WHERE d.kind = %s AND d.status = %s AND d.year = %s AND {where}
)
SELECT 'poverty', whole, child, n, NULL, NULL, NULL, NULL FROM poverty
UNION ALL SELECT 'income', 1, NULL, n, average, with_baseline, baseline, above FROM income
UNION ALL SELECT 'leaders', 1, NULL, n, NULL, NULL, NULL, NULL FROM leaders
"""
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                PovertyStatus.OUT_OF_POVERTY.value,
                year,
                *params,
                year,
                *params,
                DesignationKind.LEADER.value,
                DesignationStatus.CONFIRMED.value,
                year,
                *params,
            ],
        )
        rows = cursor.fetchall()
    out_total = 0
    by_child: dict[str | None, int] = {}
    income: tuple = (0, None, 0, None, 0)
    leaders = 0
    for part, whole, child, count, average, with_baseline, baseline, above in rows:
        if part == "poverty":
            if whole:
                out_total = count
            else:
                by_child[child] = count
        elif part == "income":
            income = (count, average, with_baseline, baseline, above)
        else:
            leaders = count
    return HouseholdRecords(
        out_of_poverty=out_total,
        out_of_poverty_by_child=by_child,
        with_income=income[0],
        average_income=_money(income[1]),
        with_baseline=income[2],
        average_baseline=_money(income[3]),
        above_baseline=income[4],
        leaders=leaders,
    )


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def region_targets(area: Area, year: int) -> dict[str, Decimal]:
    """metric → target value set for exactly this region and year."""
    return dict(
        Target.objects.filter(region_id=area.region.pk, year=year).values_list("metric", "value")
    )
