"""Shops opened in a year (a producer's opening date in the year), per child region, in one
statement (GROUPING SETS: the area and each child)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection

from backend.statistics.areas import Area


@dataclass(frozen=True)
class ShopsOpened:
    total: int
    by_child: dict[str | None, int]


def shops_opened(area: Area, year: int) -> ShopsOpened:
    where, params = area.where
    sql = f"""
SELECT GROUPING({area.child}) AS whole, {area.child} AS child, COUNT(*)
FROM producers_producer p
JOIN regions_region r ON r.id = p.region_id
WHERE p.opened_on >= %s AND p.opened_on < %s AND {where}
GROUP BY GROUPING SETS ((), ({area.child}))
"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1), *params])
        rows = cursor.fetchall()
    total = 0
    by_child: dict[str | None, int] = {}
    for whole, child, count in rows:
        if whole:
            total = count
        else:
            by_child[child] = count
    return ShopsOpened(total=total, by_child=by_child)
