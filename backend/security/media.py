"""Public media (product photos, shop logos, review photos) served by the app: each file with
`X-Content-Type-Options: nosniff`, a `Content-Disposition` naming it, and a sandboxing
Content-Security-Policy, so a file that is not what its name says cannot run in our origin.

Images open inline; anything else is sent as a download. Evidence files are never here: they
live outside MEDIA_ROOT (backend/verification/storage.py) and open only through `/evidence/`.
In production nginx serves MEDIA_ROOT with the same headers (deploy/nginx.conf).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe
from django.views.static import serve

INLINE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif"})
MEDIA_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


@require_safe
def media_file(request: HttpRequest, path: str) -> HttpResponseBase:
    try:
        response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    except SuspiciousFileOperation:  # a path climbing out of MEDIA_ROOT: nothing here
        raise Http404("no such file") from None
    name = PurePosixPath(path).name
    inline = PurePosixPath(name).suffix.lower() in INLINE_SUFFIXES
    disposition = content_disposition_header(as_attachment=not inline, filename=name)
    if disposition:
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    return response
