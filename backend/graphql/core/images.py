"""Image URLs for the API: originals, or renditions named by backend.images.renditions.

Pure functions: no SQL, no disk. The rendition files are made by the images app; the URL is
its contract.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from graphql import GraphQLError

from backend.graphql.core.enums import ThumbnailFormat
from backend.graphql.core.types import Image
from backend.images.renditions import rendition_url, size_for_pixels

# Saleor's ORIGINAL keeps the source format; renditions exist in WebP and a JPEG fallback, so
# ORIGINAL gets the JPEG one. AVIF is not produced here: WebP is the closest modern format.
RENDITION_FORMATS = {
    ThumbnailFormat.ORIGINAL.value: "jpeg",
    ThumbnailFormat.WEBP.value: "webp",
    ThumbnailFormat.AVIF.value: "webp",
}


def image_url(source_name: str, *, size: int | None, fmt: str | None) -> str:
    """The original file's URL when no size is asked for, else the nearest rendition's."""
    if size is not None and size < 0:
        raise GraphQLError("The image size must be a positive number of pixels.")
    if not size:
        return default_storage.url(source_name)
    fmt_value = getattr(fmt, "value", fmt) or ThumbnailFormat.ORIGINAL.value
    return rendition_url(source_name, size_for_pixels(size), RENDITION_FORMATS[fmt_value])


def image_or_none(
    source_name: str | None, alt: str | None, *, size: int | None, fmt: str | None
) -> Image | None:
    if not source_name:
        return None
    return Image(url=image_url(source_name, size=size, fmt=fmt), alt=alt or "")
