"""The answer to too many attempts: HTTP 429 with a plain message that says when to try again
(a Retry-After header too), as a page for people and as a GraphQL error for the API. No puzzle
CAPTCHA: people who cannot see or move a mouse must not be locked out by a test of sight."""

from __future__ import annotations

import json
import math

from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _


def retry_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many attempts. For your safety, please wait %(minutes)d minute, then try again.",
        "Too many attempts. For your safety, please wait %(minutes)d minutes, then try again.",
        minutes,
    ) % {"minutes": minutes}


def too_many_requests(
    request: HttpRequest, *, retry_after: int, graphql: bool = False
) -> HttpResponse:
    retry_after = max(1, int(retry_after))
    message = retry_message(retry_after)
    if graphql:
        body = {
            "errors": [
                {
                    "message": message,
                    "extensions": {"code": "TOO_MANY_REQUESTS", "retryAfter": retry_after},
                }
            ]
        }
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False),
            status=429,
            content_type="application/json; charset=utf-8",
        )
    else:
        title = _("Please wait before trying again")
        language = escape(get_language() or "zh-hans")
        page = (
            f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title></head>"
            f'<body><main><h1>{escape(title)}</h1><p role="alert">{escape(message)}</p>'
            f'<p><a href="/">{escape(_("Go to the home page"))}</a></p></main></body></html>'
        )
        response = HttpResponse(page, status=429, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    return response
