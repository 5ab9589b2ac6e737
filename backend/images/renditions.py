"""Renditions of uploaded images: named sizes in WebP with a JPEG fallback.

The URL of a rendition is a pure function of the source file name, the size and the format, so
pages compute it without SQL or disk access. The file is made once: at upload time by the media
service, and otherwise on the first request by `backend.images.views.rendition` (which writes it
to disk; later requests never reach Python when a web server serves MEDIA_ROOT).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings


@dataclass(frozen=True)
class RenditionSize:
    name: str
    max_width: int
    max_height: int


SIZES: dict[str, RenditionSize] = {
    "thumbnail": RenditionSize("thumbnail", 160, 160),
    "card": RenditionSize("card", 480, 480),
    "large": RenditionSize("large", 1200, 1200),
}
FORMATS = ("webp", "jpeg")
RENDITION_DIR = "renditions"


def rendition_name(source_name: str, size: str, fmt: str) -> str:
    """Storage-relative name of a rendition, e.g. renditions/card/products/abc.jpg.webp."""
    if size not in SIZES:
        raise ValueError(f"unknown rendition size {size!r}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown rendition format {fmt!r}")
    source = PurePosixPath(source_name)
    return f"{RENDITION_DIR}/{size}/{source}.{fmt}"


def rendition_url(source_name: str, size: str, fmt: str) -> str:
    return f"{settings.MEDIA_URL}{rendition_name(source_name, size, fmt)}"


def size_for_pixels(pixels: int) -> str:
    """The smallest named size at least `pixels` wide (Saleor's thumbnail(size) argument)."""
    for name, spec in sorted(SIZES.items(), key=lambda kv: kv[1].max_width):
        if spec.max_width >= pixels:
            return name
    return "large"


# Upload folders whose pictures are public and may be rendered on request. A folder of private
# uploads (certificate scans, evidence) must never be listed here.
DEFAULT_RENDITION_SOURCE_DIRS = (
    "products",
    "producer-logos",
    "category-backgrounds",
    "collection-backgrounds",
    "zone-photos",  # county pavilions' photos and regional brands' logos (backend.zone)
    "stories",  # photos of producers' success stories, shown only with consent (backend.stories)
)


def rendition_source_dirs() -> tuple[str, ...]:
    return tuple(getattr(settings, "IMAGE_RENDITION_SOURCE_DIRS", DEFAULT_RENDITION_SOURCE_DIRS))
