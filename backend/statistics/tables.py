"""The shape every statistic takes: a table of rows, each with the people behind it.

A `Table` is what the page shows beside its chart, what CSV and XLSX exports write, what the
annual summary prints and what GraphQL returns. `Row.people` counts the persons (sellers,
households, trainees) a row's figures describe; the suppression policy reads it before a table
leaves the platform (`backend.statistics.suppression`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.functional import Promise


class ColumnKind(enum.StrEnum):
    COUNT = "count"
    MONEY = "money"
    QUANTITY = "quantity"
    PERCENT = "percent"


Value = int | Decimal | None


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    kind: ColumnKind


@dataclass(frozen=True)
class Row:
    key: str
    label: str | Promise
    values: dict[str, Value]
    people: int | None = None
    link_key: str | None = None  # a child region's key, for drill-down links
    suppressed: bool = False
    kind: ColumnKind | None = None  # overrides the column's kind (a table of mixed figures)

    def value(self, column: str) -> Value:
        return self.values.get(column)


@dataclass(frozen=True)
class Table:
    key: str
    title: str | Promise
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    chart_column: str | None = None  # the column the page draws as bars
    row_heading: str | Promise = ""
    notes: tuple[str | Promise, ...] = field(default_factory=tuple)

    def with_rows(self, rows: tuple[Row, ...], total: Row | None) -> Table:
        return replace(self, rows=rows, total=total)

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def kind_of(self, row: Row, column: Column) -> ColumnKind:
        return row.kind or column.kind
