"""Pictures for pages: a WebP source with a JPEG fallback, computed without SQL or disk access.

The URLs come from `backend.images.renditions.rendition_url` (a pure function); the files behind
them are made by the images service. Width and height are the rendition's scaled size when the
source size is known, so the browser reserves the right space before the image arrives.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.images.renditions import SIZES, rendition_url


@dataclass(frozen=True)
class Picture:
    webp_url: str
    jpeg_url: str
    alt: str
    width: int | None = None
    height: int | None = None


def scaled_size(width: int | None, height: int | None, size: str) -> tuple[int | None, int | None]:
    """The size of a rendition that fits the source inside the named box (never upscaled)."""
    if not width or not height:
        return None, None
    spec = SIZES[size]
    ratio = min(spec.max_width / width, spec.max_height / height, 1.0)
    return max(round(width * ratio), 1), max(round(height * ratio), 1)


def picture_for(
    source_name: str,
    size: str,
    *,
    alt: str,
    width: int | None = None,
    height: int | None = None,
) -> Picture:
    scaled_width, scaled_height = scaled_size(width, height, size)
    return Picture(
        webp_url=rendition_url(source_name, size, "webp"),
        jpeg_url=rendition_url(source_name, size, "jpeg"),
        alt=alt,
        width=scaled_width,
        height=scaled_height,
    )
