"""The statistics page of one region and year: every table with its chart, and drill-down
links to the child regions the operator may read (all of them: a child of a covered region is
covered)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backend.statistics.charts import bar_chart
from backend.statistics.report import region_report
from programme_portal.access import reader_required, region_for_request, year_in_range
from programme_portal.presenting import present_table


@reader_required
def region_statistics(request: HttpRequest, region_key: str, year: int) -> HttpResponse:
    region = region_for_request(request, region_key)
    year = year_in_range(year)
    report = region_report(region, year)
    tables = [
        present_table(table, chart=bar_chart(table, chart_id=f"chart-{table.key}"))
        for table in report.tables
    ]
    return render(
        request,
        "programme_portal/statistics.html",
        {
            "region": region,
            "region_key": region_key,
            "year": year,
            "tables": tables,
            "ancestors": region.ancestors_and_self()[:-1],
        },
    )
