"""Normalise accepted images and make their renditions.

Normalising an upload: apply the EXIF orientation, bring the colours into sRGB (an ICC profile
is converted away; it is kept only when it cannot be converted, because then it is needed for
the colours to be right), put transparency onto white, shrink anything larger than
`settings.IMAGE_ORIGINAL_MAX_SIDE` (default 2400 px), and save as JPEG with no metadata at all:
no EXIF (so no GPS position, camera serial or time), no XMP, no IPTC, no comments.

The normalised original is always a JPEG: product photos are photographs, one format keeps the
rendition names predictable, and a single encoder keeps the metadata rules in one place.

Renditions: every size in `SIZES` in WebP and JPEG, at `rendition_name(source, size, fmt)`,
never larger than the source, each written once (atomically, so two requests racing to make the
same file both leave a complete one) and then reused.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from PIL import Image, ImageCms, ImageOps

from backend.images.renditions import FORMATS, SIZES, rendition_name
from backend.images.validation import (
    check_pixel_count,
    count_frames,
    decode_first_frame,
    open_image_guarded,
)

ORIGINAL_EXTENSION = "jpg"
ORIGINAL_JPEG_QUALITY = 90
RENDITION_JPEG_QUALITY = 82
RENDITION_WEBP_QUALITY = 80
WHITE = (255, 255, 255)
_SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_ICC_ERRORS = (ImageCms.PyCMSError, OSError, ValueError, TypeError)


@dataclass(frozen=True)
class NormalisedImage:
    """A normalised original, ready to store: JPEG bytes without metadata."""

    content: bytes
    width: int
    height: int
    extension: str = ORIGINAL_EXTENSION


def original_max_side() -> int:
    return int(getattr(settings, "IMAGE_ORIGINAL_MAX_SIDE", 2400))


def normalise_image(image: Image.Image) -> NormalisedImage:
    """Orientation applied, sRGB, no alpha, bounded size, JPEG without metadata."""
    rgb, icc_profile = to_display_rgb(image)
    limit = original_max_side()
    if max(rgb.size) > limit:
        rgb.thumbnail((limit, limit), Image.Resampling.LANCZOS, reducing_gap=3.0)
    content = encode(rgb, "jpeg", quality=ORIGINAL_JPEG_QUALITY, icc_profile=icc_profile)
    return NormalisedImage(content=content, width=rgb.width, height=rgb.height)


def to_display_rgb(image: Image.Image) -> tuple[Image.Image, bytes | None]:
    """An RGB copy of `image`, upright, in sRGB, on white, with an empty `info`.

    Returns the copy and the ICC profile to embed (None unless the source's profile could not be
    converted to sRGB).
    """
    upright = ImageOps.exif_transpose(image) or image.copy()
    icc = upright.info.get("icc_profile") or None
    flat = _flatten_onto_white(_to_basic_mode(upright))
    keep_icc: bytes | None = None
    if icc:
        flat, keep_icc = _convert_to_srgb(flat, icc)
    rgb = flat if flat.mode == "RGB" else flat.convert("RGB")
    if rgb is image:
        rgb = rgb.copy()
    rgb.info = {}
    return rgb, keep_icc


def _to_basic_mode(image: Image.Image) -> Image.Image:
    """One of RGB, RGBA, L, LA or CMYK; palettes expanded, high bit depths scaled to 8 bits."""
    mode = image.mode
    has_transparency = "transparency" in image.info
    if mode in ("P", "PA"):
        return image.convert("RGBA" if has_transparency or mode == "PA" else "RGB")
    if mode.startswith("I") or mode == "F":
        wide = image.convert("I") if mode != "F" else image
        high = wide.getextrema()[1]
        if isinstance(high, int | float) and high > 255:
            wide = wide.point(lambda value: value * (1 / 256))
        return wide.convert("L")
    if mode == "1":
        return image.convert("L")
    if mode in ("RGB", "L") and has_transparency:
        return image.convert("RGBA" if mode == "RGB" else "LA")
    if mode in ("RGB", "RGBA", "L", "LA", "CMYK"):
        return image
    if mode in ("La", "RGBa"):
        return image.convert("RGBA")
    return image.convert("RGB")


def _flatten_onto_white(image: Image.Image) -> Image.Image:
    if image.mode not in ("RGBA", "LA"):
        return image
    base_mode = image.mode[:-1]
    background = Image.new(base_mode, image.size, WHITE if base_mode == "RGB" else 255)
    background.paste(image.convert(base_mode), mask=image.getchannel("A"))
    return background


def _convert_to_srgb(image: Image.Image, icc: bytes) -> tuple[Image.Image, bytes | None]:
    """Convert from the embedded profile to sRGB; keep the profile only if that fails."""
    try:
        source = ImageCms.ImageCmsProfile(BytesIO(icc))
        description = (ImageCms.getProfileDescription(source) or "").lower()
        if "srgb" in description and image.mode == "RGB":
            return image, None
        converted = ImageCms.profileToProfile(image, source, _SRGB_PROFILE, outputMode="RGB")
    except _ICC_ERRORS:
        return image, icc if image.mode == "RGB" else None
    return (converted if converted is not None else image), None


def encode(
    image: Image.Image, fmt: str, *, quality: int, icc_profile: bytes | None = None
) -> bytes:
    """Encode an RGB image as JPEG or WebP, writing no metadata except an optional ICC."""
    buffer = BytesIO()
    extra: dict[str, object] = {}
    if icc_profile:
        extra["icc_profile"] = icc_profile
    if fmt == "jpeg":
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True, **extra)
    elif fmt == "webp":
        image.save(buffer, "WEBP", quality=quality, method=4, **extra)
    else:
        raise ValueError(f"unknown image format {fmt!r}")
    return buffer.getvalue()


# --- Renditions -------------------------------------------------------------------------


def open_source(source_name: str, *, storage: Storage | None = None) -> Image.Image:
    """Open a stored image with the same pixel guard as uploads, decoded, first frame only."""
    storage = storage or default_storage
    with storage.open(source_name, "rb") as fh:
        data = fh.read()
    image = open_image_guarded(BytesIO(data))
    check_pixel_count(image.width, image.height, count_frames(image))
    decode_first_frame(image)
    return image


def missing_renditions(
    source_name: str, *, storage: Storage | None = None
) -> list[tuple[str, str]]:
    storage = storage or default_storage
    return [
        (size, fmt)
        for size in SIZES
        for fmt in FORMATS
        if not storage.exists(rendition_name(source_name, size, fmt))
    ]


def make_renditions(
    source_name: str,
    *,
    wanted: Iterable[tuple[str, str]] | None = None,
    storage: Storage | None = None,
) -> list[str]:
    """Make every missing rendition of a stored source; return the names written.

    Renditions already present are left untouched (made once, reused). The source is decoded
    at most once, and only when something is missing.
    """
    storage = storage or default_storage
    wanted_set = set(wanted) if wanted is not None else {(s, f) for s in SIZES for f in FORMATS}
    todo = [
        (size, fmt)
        for size, fmt in missing_renditions(source_name, storage=storage)
        if (size, fmt) in wanted_set
    ]
    if not todo:
        return []
    rgb, icc_profile = to_display_rgb(open_source(source_name, storage=storage))
    written: list[str] = []
    # Largest first, each size shrunk from the previous one: fewer pixels to resample.
    sizes = sorted({size for size, _ in todo}, key=lambda s: -SIZES[s].max_width)
    current = rgb
    for size in sizes:
        spec = SIZES[size]
        current = current.copy()
        current.thumbnail((spec.max_width, spec.max_height), Image.Resampling.LANCZOS)
        for fmt in FORMATS:
            if (size, fmt) not in todo:
                continue
            quality = RENDITION_WEBP_QUALITY if fmt == "webp" else RENDITION_JPEG_QUALITY
            name = rendition_name(source_name, size, fmt)
            save_atomic(name, encode(current, fmt, quality=quality, icc_profile=icc_profile))
            written.append(name)
    return written


def delete_renditions(source_name: str, *, storage: Storage | None = None) -> None:
    storage = storage or default_storage
    for size in SIZES:
        for fmt in FORMATS:
            name = rendition_name(source_name, size, fmt)
            if storage.exists(name):
                storage.delete(name)


def save_atomic(name: str, data: bytes, *, storage: Storage | None = None) -> None:
    """Write `name` exactly (never a renamed copy); readers never see a half-written file."""
    storage = storage or default_storage
    try:
        path = Path(storage.path(name))
    except NotImplementedError:
        if not storage.exists(name):
            storage.save(name, ContentFile(data))
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, settings.FILE_UPLOAD_PERMISSIONS or 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def delete_image_files(source_name: str, *, storage: Storage | None = None) -> None:
    """Remove a stored picture and every rendition made from it."""
    storage = storage or default_storage
    delete_renditions(source_name, storage=storage)
    if storage.exists(source_name):
        storage.delete(source_name)
