"""The annual summary (due by 5 November): a printable page and a PDF, small cells withheld."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString

from backend.statistics.summary import annual_summary, export_summary_pdf
from programme_portal.access import reader, reader_required, region_for_request, year_in_range
from programme_portal.presenting import present_table
from programme_portal.views.exports import download


@reader_required
def summary_page(request: HttpRequest, region_key: str, year: int) -> HttpResponse:
    region = region_for_request(request, region_key)
    year = year_in_range(year)
    summary = annual_summary(region, year)
    tables = [
        present_table(table, chart=SafeString(""), mark=summary.policy.mark)
        for table in summary.tables
    ]
    return render(
        request,
        "programme_portal/summary.html",
        {
            "region": region,
            "region_key": region_key,
            "year": year,
            "tables": tables,
            "mark": summary.policy.mark,
        },
    )


@reader_required
def summary_pdf(request: HttpRequest, region_key: str, year: int) -> HttpResponse:
    region = region_for_request(request, region_key)
    year = year_in_range(year)
    return download(export_summary_pdf(region, year, actor=reader(request)))
