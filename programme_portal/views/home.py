"""The portal's start: the regions the operator covers, and the years of one region."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from backend.statistics.scope import region_key, top_regions_for_reader
from programme_portal.access import FIRST_YEAR, reader, reader_required, region_for_request


@reader_required
def home(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    regions = [
        {"region": region, "key": region_key(region)}
        for region in top_regions_for_reader(reader(request))
    ]
    return render(request, "programme_portal/home.html", {"regions": regions, "year": year})


@reader_required
def region_years(request: HttpRequest, region_key: str) -> HttpResponse:
    region = region_for_request(request, region_key)
    this_year = timezone.localdate().year
    years = list(range(this_year, FIRST_YEAR - 1, -1))
    return render(
        request,
        "programme_portal/region.html",
        {"region": region, "region_key": region_key, "years": years},
    )
