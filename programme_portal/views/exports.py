"""Downloads of a region's statistics: one table as CSV or XLSX, or the whole year as one
workbook. Every file goes through the suppression policy and the audit log
(`backend.statistics.exports`)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from backend.statistics.exports import ExportFile, ExportFormat, export_table, export_workbook
from programme_portal.access import reader, reader_required, region_for_request, year_in_range


def download(export: ExportFile) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@reader_required
def table_export(
    request: HttpRequest, region_key: str, year: int, table_key: str, fmt: str
) -> HttpResponse:
    region = region_for_request(request, region_key)
    year = year_in_range(year)
    try:
        export_format = ExportFormat(fmt)
        export = export_table(region, year, table_key, export_format, actor=reader(request))
    except (ValueError, KeyError) as missing:
        raise Http404("no such table or format") from missing
    return download(export)


@reader_required
def workbook_export(request: HttpRequest, region_key: str, year: int) -> HttpResponse:
    region = region_for_request(request, region_key)
    year = year_in_range(year)
    return download(export_workbook(region, year, actor=reader(request)))
