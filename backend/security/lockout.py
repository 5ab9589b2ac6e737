"""django-axes' lockout answer: the same plain 429 as the rate limits, with the cool-off time."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from backend.security.too_many import too_many_requests


def lockout_response(
    request: HttpRequest, response: Any = None, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    cool_off = getattr(settings, "AXES_COOLOFF_TIME", None)
    seconds = int(cool_off.total_seconds()) if cool_off is not None else 900
    graphql = request.path_info.rstrip("/") == "/graphql"
    return too_many_requests(request, retry_after=seconds, graphql=graphql)


def username_for_lockout(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The account an attempt was for: `authenticate(username=...)`, else the posted login field
    (our forms call it "login"; GraphQL's tokenCreate passes it as username)."""
    value = (credentials or {}).get("username")
    if not value and request is not None and request.method == "POST":
        for field in ("login", "username", "email", "mobile"):
            value = request.POST.get(field)
            if value:
                break
    return str(value or "").strip().lower()
