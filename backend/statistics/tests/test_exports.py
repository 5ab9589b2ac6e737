from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.catalog.tests.factories import ProductFactory, ProductVariantFactory
from backend.producers.tests.factories import ProducerFactory
from backend.statistics.exports import ExportFormat, export_table, export_workbook
from backend.statistics.tests.scenarios import Line, at, build_sales, sale

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.fixture
def fixture():  # type: ignore[no-untyped-def]
    """build_sales, plus five more cooperatives in county C selling in June (2 × 15.00 each):
    county C then has six June sellers (300.00 + 5 × 30.00 = 450.00) — above the threshold."""
    built = build_sales()
    county_c = built.regions["county_c"]
    for _ in range(5):
        producer = ProducerFactory(region=county_c, opened_on=datetime.date(2020, 1, 1))
        variant = ProductVariantFactory(
            product=ProductFactory(producer=producer, category=built.categories["nuts"])
        )
        sale(at(2025, 6, 2), [Line(variant, 2, "15.00")])
    return built


def sheet_rows(content: bytes, sheet: str) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(content))
    return [tuple(row) for row in workbook[sheet].iter_rows(values_only=True)]


def test_export_table_xlsx_holds_the_figures_and_withholds_small_months(fixture):
    # given
    actor = UserFactory.create()
    # when
    export = export_table(
        fixture.regions["county_c"], 2025, "months", ExportFormat.XLSX, actor=actor
    )
    # then
    rows = sheet_rows(export.content, "months")
    assert rows[2] == ("Month", "Active sellers", "Units sold", "Sales value (yuan)")
    by_month = {row[0]: row[1:] for row in rows[3:]}
    assert by_month["June"] == (6, 20, Decimal("450.00"))
    assert by_month["January"] == (0, 0, 0)
    assert by_month["Total"] == (6, 20, 450)
    assert export.filename == "statistics-621221-2025-months.xlsx"


def test_export_table_csv_county_with_three_sellers_is_all_withheld(fixture):
    # given
    actor = UserFactory.create()
    # when
    export = export_table(
        fixture.regions["county_a"], 2025, "months", ExportFormat.CSV, actor=actor
    )
    # then
    text = export.content.decode("utf-8-sig")
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(text))}
    assert rows["January"] == ["<5", "<5", "<5"]
    assert rows["March"] == ["<5", "<5", "<5"]
    assert rows["February"] == ["0", "0", "0.00"]
    assert rows["Total"] == ["<5", "<5", "<5"]
    assert "310" not in text


def test_export_table_writes_an_audit_row(fixture):
    # given
    actor = UserFactory.create()
    region = fixture.regions["county_a"]
    # when
    export_table(region, 2025, "categories", ExportFormat.CSV, actor=actor)
    # then
    event = AuditEvent.objects.get(event_type=AuditEventType.STATISTICS_EXPORTED)
    assert event.actor == actor
    assert event.subject_id == str(region.pk)
    assert event.extra_data["table"] == "categories"


def test_export_workbook_has_one_sheet_per_table_with_suppression(fixture):
    # given
    actor = UserFactory.create()
    # when
    export = export_workbook(fixture.regions["province"], 2025, actor=actor)
    # then
    workbook = load_workbook(io.BytesIO(export.content))
    assert "months" in workbook.sheetnames
    assert "regions" in workbook.sheetnames
    regions = {row[0]: row[1:] for row in sheet_rows(export.content, "regions")[3:]}
    # 定西 6211 has 4 sellers (withheld); 陇南 6212 has 6 but is withheld too, or it would
    # reveal 定西 as the total minus 陇南 (secondary suppression); the total of 10 stays
    assert regions["定西市"][2] == "<5"
    assert regions["陇南市"][2] == "<5"
    assert regions["Total"][2] == 10
    assert regions["Total"][3] == Decimal("810.00")
    assert regions["兰州市"][2] == 0
