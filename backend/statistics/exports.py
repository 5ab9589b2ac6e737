"""Statistics leaving the platform: CSV and XLSX files of a region's tables, each table passed
through the suppression policy first, and each download written to the audit log.

`export_table(region, year, table_key, fmt, actor=...)` is the service the portal calls: it
builds the report, suppresses small cells, renders the file and records who took which table
of which region and year (`STATISTICS_EXPORTED`), in one transaction.
"""

from __future__ import annotations

import csv
import enum
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEventType
from backend.regions.models import Region
from backend.statistics.report import region_report
from backend.statistics.scope import region_key
from backend.statistics.suppression import SmallCellSuppression, suppression_policy
from backend.statistics.tables import ColumnKind, Row, Table


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

Cell = str | int | Decimal


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes


def _cells(table: Table, row: Row, mark: str) -> list[Cell]:
    cells: list[Cell] = [str(row.label)]
    for column in table.columns:
        value = row.value(column.key)
        if row.suppressed:
            cells.append(mark)
        elif value is None:
            cells.append("")
        elif table.kind_of(row, column) == ColumnKind.MONEY:
            cells.append(Decimal(value).quantize(Decimal("0.01")))
        else:
            cells.append(value)
    return cells


def lines_of(table: Table, mark: str) -> list[list[Cell]]:
    """Header, rows and total of a table (already suppressed), as the files hold them."""
    header: list[Cell] = [str(table.row_heading)]
    header.extend(str(column.label) for column in table.columns)
    lines: list[list[Cell]] = [header]
    lines.extend(_cells(table, row, mark) for row in table.rows)
    if table.total is not None:
        lines.append(_cells(table, table.total, mark))
    return lines


def table_lines(table: Table, policy: SmallCellSuppression) -> list[list[Cell]]:
    return lines_of(policy.apply(table), policy.mark)


def table_csv(table: Table, policy: SmallCellSuppression) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in table_lines(table, policy):
        writer.writerow([f"{cell:.2f}" if isinstance(cell, Decimal) else cell for cell in line])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def tables_xlsx(tables: list[Table], policy: SmallCellSuppression, *, heading: str) -> bytes:
    """One sheet per table; money as numbers with two decimals, withheld cells as the mark."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for table in tables:
        sheet = workbook.create_sheet(title=table.key[:31])
        sheet.append([heading])
        sheet.append([str(table.title)])
        sheet["A1"].font = Font(bold=True)
        for index, line in enumerate(table_lines(table, policy)):
            sheet.append(line)
            if index == 0:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
        for row in sheet.iter_rows(min_row=4):
            for cell in row:
                if isinstance(cell.value, Decimal):
                    cell.number_format = "#,##0.00"
        sheet.column_dimensions["A"].width = 36
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_table(
    region: Region, year: int, table_key: str, fmt: ExportFormat, *, actor: User
) -> ExportFile:
    """One table of a region's year as CSV or XLSX (KeyError for an unknown table)."""
    report = region_report(region, year)
    table = next((table for table in report.tables if table.key == table_key), None)
    if table is None:
        raise KeyError(table_key)
    policy = suppression_policy()
    if fmt == ExportFormat.CSV:
        content = table_csv(table, policy)
    else:
        content = tables_xlsx([table], policy, heading=f"{region.full_name} {year}")
    with transaction.atomic(durable=True):
        record_audit_event(
            AuditEventType.STATISTICS_EXPORTED,
            actor=actor,
            subject=region,
            extra={"year": year, "table": table_key, "format": fmt.value},
        )
    return ExportFile(
        filename=f"statistics-{region_key(region)}-{year}-{table_key}.{fmt.value}",
        content_type=CONTENT_TYPES[fmt],
        content=content,
    )


def export_workbook(region: Region, year: int, *, actor: User) -> ExportFile:
    """Every table of a region's year in one XLSX workbook (one sheet per table)."""
    report = region_report(region, year)
    content = tables_xlsx(report.tables, suppression_policy(), heading=f"{region.full_name} {year}")
    with transaction.atomic(durable=True):
        record_audit_event(
            AuditEventType.STATISTICS_EXPORTED,
            actor=actor,
            subject=region,
            extra={"year": year, "table": "all", "format": ExportFormat.XLSX.value},
        )
    return ExportFile(
        filename=f"statistics-{region_key(region)}-{year}.xlsx",
        content_type=CONTENT_TYPES[ExportFormat.XLSX],
        content=content,
    )
