"""Tables as the templates show them: each cell formatted for its kind, in the reader's
language, with a drill-down link where a row is a child region."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.safestring import SafeString

from backend.statistics.tables import ColumnKind, Row, Table, Value


@dataclass(frozen=True)
class PresentedRow:
    row: Row
    cells: list[str]


@dataclass(frozen=True)
class PresentedTable:
    table: Table
    rows: list[PresentedRow]
    total: PresentedRow | None
    chart: SafeString


def format_value(value: Value, kind: ColumnKind, *, mark: str = "") -> str:
    if value is None:
        return mark or "–"
    if kind == ColumnKind.MONEY:
        return number_format(Decimal(value), decimal_pos=2, force_grouping=True)
    if kind == ColumnKind.PERCENT:
        return f"{number_format(Decimal(value), decimal_pos=1)}%"
    return number_format(value, force_grouping=True)


def _present_row(table: Table, row: Row, mark: str) -> PresentedRow:
    return PresentedRow(
        row=row,
        cells=[
            format_value(
                row.value(column.key),
                table.kind_of(row, column),
                mark=mark if row.suppressed else "",
            )
            for column in table.columns
        ],
    )


def present_table(table: Table, *, chart: SafeString, mark: str = "") -> PresentedTable:
    return PresentedTable(
        table=table,
        rows=[_present_row(table, row, mark) for row in table.rows],
        total=None if table.total is None else _present_row(table, table.total, mark),
        chart=chart,
    )
