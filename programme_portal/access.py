"""The programme portal's gate: federation and platform operators only, each in their regions.

- `reader_required` wraps every page: signed out → the sign-in page (with `next`); signed in
  but not an operator (no `OperatorScope`, not staff) → 404, the same answer as a page that does
  not exist, so the portal does not tell other users what it holds.
- `region_for_request(request, region_key)` gives the region a URL names, or raises Http404
  alike for a region that does not exist and one outside the operator's scope.
- `year_in_range(year)` refuses years no report can cover (404).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from backend.accounts.models import User
from backend.regions.models import Region
from backend.statistics.scope import access_region, is_statistics_reader

FIRST_YEAR = 2015

View = Callable[..., HttpResponse]


def reader_required(view: View) -> View:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("programme_portal:sign_in"))
        if not is_statistics_reader(request.user):
            raise Http404("not an operator")
        return view(request, *args, **kwargs)

    return wrapped


def reader(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def region_for_request(request: HttpRequest, region_key: str) -> Region:
    try:
        return access_region(request.user, region_key)
    except Region.DoesNotExist as missing:
        raise Http404("no such region in your scope") from missing


def year_in_range(year: int) -> int:
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404("no report for that year")
    return year
