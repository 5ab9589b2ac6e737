"""The id of the request being served, for audit rows (set by `RequestIdMiddleware`).

A context variable, so a Celery task or management command simply has none (empty string).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_request_id: ContextVar[str] = ContextVar("audit_request_id", default="")
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
REQUEST_ID_HEADER = "X-Request-ID"


def current_request_id() -> str:
    return _request_id.get()


@contextmanager
def bound_request_id(value: str) -> Iterator[str]:
    token = _request_id.set(value)
    try:
        yield value
    finally:
        _request_id.reset(token)


def request_id_from_header(header: str | None) -> str:
    """A proxy's id when it is a plain token, else a fresh one (never trust arbitrary text)."""
    if header and _SAFE_REQUEST_ID.match(header):
        return header
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Binds a request id for the duration of the request and echoes it in the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        value = request_id_from_header(request.headers.get(REQUEST_ID_HEADER))
        with bound_request_id(value):
            response = self.get_response(request)
        response[REQUEST_ID_HEADER] = value
        return response
