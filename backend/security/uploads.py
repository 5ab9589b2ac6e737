"""The request-size door: bodies larger than REQUEST_BODY_MAX_BYTES are refused with 413 before
a byte of them is read.

gunicorn has no body limit of its own, so `RequestBodyLimit` wraps the WSGI application
(backend/config/wsgi.py): it looks at the declared Content-Length and answers 413 at once — the
worker never reads, parses or stores the body. A chunked body without Content-Length reaches
Django as an empty body (Django reads no more than Content-Length), so it cannot slip past.
Behind nginx (deploy/nginx.conf) `client_max_body_size` refuses the same sizes one hop earlier.
The connection is not reused afterwards: gunicorn's sync workers close every connection after
its response (a WSGI application may not send the hop-by-hop `Connection` header itself).
Inside Django, DATA_UPLOAD_MAX_MEMORY_SIZE bounds the non-file fields and the upload checks
(IMAGE_MAX_UPLOAD_BYTES, VERIFICATION_EVIDENCE_MAX_BYTES) bound each file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings

DEFAULT_MAX_BYTES = 32 * 1024 * 1024  # three 10 MiB review photos and the form around them

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

TOO_LARGE = (
    "请求内容太大，无法接收。请把文件压缩或分几次上传。\n"
    "The request is too large. Please make the files smaller or upload them one at a time.\n"
).encode()
BAD_LENGTH = b"Content-Length is not a number.\n"


def request_body_max_bytes() -> int:
    return int(getattr(settings, "REQUEST_BODY_MAX_BYTES", DEFAULT_MAX_BYTES))


def declared_length(environ: dict[str, Any]) -> int | None:
    """The Content-Length the client declared; None when absent; -1 when not a number."""
    raw = environ.get("CONTENT_LENGTH")
    if raw is None or raw == "":
        return None
    try:
        length = int(raw)
    except ValueError:
        return -1
    return length if length >= 0 else -1


class RequestBodyLimit:
    """WSGI middleware: 413 for a declared body over the limit, 400 for a nonsense length."""

    def __init__(self, app: WSGIApp, max_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        limit = self.max_bytes if self.max_bytes is not None else request_body_max_bytes()
        length = declared_length(environ)
        if length == -1:
            return self._refuse(start_response, "400 Bad Request", BAD_LENGTH)
        if length is not None and length > limit:
            return self._refuse(start_response, "413 Content Too Large", TOO_LARGE)
        return self.app(environ, start_response)

    @staticmethod
    def _refuse(start_response: StartResponse, status: str, body: bytes) -> list[bytes]:
        start_response(
            status,
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [body]
