"""Serve a rendition at its `rendition_url`, making it first when it is missing.

Only known sizes and formats, only sources under the upload folders that hold public pictures
(`RENDITION_SOURCE_DIRS`), only relative paths without `..`: anything else is a 404, the same
404 as a missing source, so the view cannot be used to probe the disk or to publish a private
upload (certificate scans, for example) as a picture.
"""

from __future__ import annotations

import logging
from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from backend.images.processing import make_renditions
from backend.images.renditions import (
    FORMATS,
    RENDITION_DIR,
    SIZES,
    rendition_name,
    rendition_source_dirs,
)
from backend.images.validation import ImageValidationError

logger = logging.getLogger(__name__)

CONTENT_TYPES = {"webp": "image/webp", "jpeg": "image/jpeg"}
CACHE_CONTROL = "public, max-age=31536000, immutable"


def is_safe_source_name(source: str) -> bool:
    """A relative POSIX path under a public upload folder, with no tricks in it."""
    if not source or "\\" in source or "\x00" in source or source.startswith("/"):
        return False
    parts = PurePosixPath(source).parts
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return False
    if "/".join(parts) != source or len(parts) < 2:
        return False
    return parts[0] in rendition_source_dirs() and parts[0] != RENDITION_DIR


@require_safe
def rendition_view(request: HttpRequest, size: str, source: str, fmt: str) -> FileResponse:
    if size not in SIZES or fmt not in FORMATS or not is_safe_source_name(source):
        raise Http404("unknown rendition")
    name = rendition_name(source, size, fmt)
    try:
        if not default_storage.exists(name):
            if not default_storage.exists(source):
                raise Http404("no such picture")
            make_renditions(source, wanted=[(size, fmt)])
        fh = default_storage.open(name, "rb")
    except SuspiciousFileOperation:
        raise Http404("unknown rendition") from None
    except (ImageValidationError, OSError) as exc:
        logger.warning("cannot make rendition %s: %s", name, exc)
        raise Http404("picture cannot be shown") from None
    response = FileResponse(fh, content_type=CONTENT_TYPES[fmt])
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response
