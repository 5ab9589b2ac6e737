"""Checks on an uploaded image, in the order Wagtail's WagtailImageField taught us.

1. byte size, before anything is decoded (`settings.IMAGE_MAX_UPLOAD_BYTES`);
2. the file name's extension against an allow-list (`settings.IMAGE_ALLOWED_EXTENSIONS`);
3. the header is read once by Pillow: the real format must match the extension and the MIME
   type the browser declared;
4. the pixel count, summed over every frame, against `settings.IMAGE_MAX_PIXELS`, still from the
   header only, so a decompression bomb is refused before its pixels are allocated;
5. the pixel data is decoded once; a truncated or corrupt file is refused.

Each refusal is an `ImageValidationError` (a Django `ValidationError`) whose `code` is one of
`ImageErrorCode`, with a message that tells the person what to do next. The decoded image is
returned so that processing never decodes the upload a second time.
"""

from __future__ import annotations

import enum
import os
import warnings
from dataclasses import dataclass
from typing import IO, Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError


class ImageErrorCode(enum.StrEnum):
    FILE_TOO_LARGE = "file_too_large"
    INVALID_EXTENSION = "invalid_extension"
    INVALID_IMAGE = "invalid_image"
    FORMAT_MISMATCH = "format_mismatch"
    TOO_MANY_PIXELS = "too_many_pixels"


class ImageValidationError(ValidationError):
    """A refused image; `code` is always an `ImageErrorCode` value."""

    def __init__(self, message: Any, code: ImageErrorCode, params: dict[str, Any] | None = None):
        super().__init__(message, code=code.value, params=params)
        self.error_code = code


# Pillow format name -> the extensions and MIME types that may carry it.
FORMAT_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "JPEG": ("jpg", "jpeg"),
    "PNG": ("png",),
    "WEBP": ("webp",),
    "GIF": ("gif",),
}
FORMAT_MIME_TYPES: dict[str, tuple[str, ...]] = {
    "JPEG": ("image/jpeg", "image/pjpeg", "image/jpg"),
    "PNG": ("image/png", "image/x-png"),
    "WEBP": ("image/webp",),
    "GIF": ("image/gif",),
}
# Some phone browsers and upload libraries declare nothing useful; the decoded format is the
# ground truth, so a generic type is treated as "not declared" rather than as a contradiction.
_UNDECLARED_MIME_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
# Formats that Pillow reports under another name for the same bytes (a JPEG with a second
# embedded frame, as many cameras write, is "MPO").
_FORMAT_ALIASES = {"MPO": "JPEG"}
SUPPORTED_FORMATS_TEXT = "JPEG, PNG, WebP, GIF"


@dataclass(frozen=True)
class ValidatedImage:
    """An upload that passed every check, with its pixels already decoded."""

    image: Image.Image
    format: str  # Pillow's name: JPEG, PNG, WEBP or GIF
    extension: str
    width: int
    height: int
    frames: int


class UploadLike(Protocol):
    """What the checks need: a Django `UploadedFile`, `File` or `ContentFile` all qualify."""

    @property
    def name(self) -> str | None: ...

    @property
    def size(self) -> int | None: ...

    def seek(self, offset: int, whence: int = 0) -> int: ...

    def read(self, size: int = -1) -> bytes: ...


def allowed_extensions() -> list[str]:
    return [ext.lower().lstrip(".") for ext in settings.IMAGE_ALLOWED_EXTENSIONS]


def extension_of(name: str | None) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def check_file_size(size: int) -> None:
    limit = settings.IMAGE_MAX_UPLOAD_BYTES
    if limit is not None and size > limit:
        raise ImageValidationError(
            _(
                "This file is %(size)s; the largest photo we accept is %(limit)s. "
                "Save it at a smaller size or lower quality, then upload it again."
            ),
            code=ImageErrorCode.FILE_TOO_LARGE,
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )


def check_extension(name: str | None) -> str:
    extension = extension_of(name)
    if extension not in allowed_extensions():
        raise ImageValidationError(
            _(
                "Files ending in “.%(extension)s” are not accepted. "
                "Upload a photo saved as %(formats)s."
            )
            if extension
            else _("The file name has no extension. Upload a photo saved as %(formats)s."),
            code=ImageErrorCode.INVALID_EXTENSION,
            params={"extension": extension, "formats": SUPPORTED_FORMATS_TEXT},
        )
    return extension


def check_pixel_count(width: int, height: int, frames: int = 1) -> None:
    limit = settings.IMAGE_MAX_PIXELS
    pixels = width * height * max(frames, 1)
    if limit is not None and pixels > limit:
        raise too_many_pixels_error(pixels)


def too_many_pixels_error(pixels: int | None) -> ImageValidationError:
    limit = settings.IMAGE_MAX_PIXELS
    side = int(limit**0.5) if limit else 0
    return ImageValidationError(
        _(
            "This picture is too large in pixels (%(pixels)s, counting every frame); "
            "the most we accept is %(limit)s. Resize it to about %(side)s × %(side)s pixels "
            "or fewer, then upload it again."
        ),
        code=ImageErrorCode.TOO_MANY_PIXELS,
        params={
            "pixels": f"{pixels:,}" if pixels is not None else "?",
            "limit": f"{limit:,}",
            "side": side,
        },
    )


def _invalid_image_error() -> ImageValidationError:
    return ImageValidationError(
        _(
            "This file is not a picture we can read, or it is damaged. "
            "Upload a photo saved as %(formats)s."
        ),
        code=ImageErrorCode.INVALID_IMAGE,
        params={"formats": SUPPORTED_FORMATS_TEXT},
    )


def _format_mismatch_error(actual: str, extension: str) -> ImageValidationError:
    expected = FORMAT_EXTENSIONS.get(actual, ("",))[0]
    return ImageValidationError(
        _(
            "This file is really a %(actual)s picture, but its name ends in “.%(extension)s”. "
            "Rename it to end in “.%(expected)s”, or save it again as the type its name says, "
            "then upload it again."
        ),
        code=ImageErrorCode.FORMAT_MISMATCH,
        params={"actual": actual, "extension": extension, "expected": expected},
    )


def _check_declared_mime(content_type: str | None, actual: str, extension: str) -> None:
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared in _UNDECLARED_MIME_TYPES:
        return
    if declared not in FORMAT_MIME_TYPES.get(actual, ()):
        raise _format_mismatch_error(actual, extension)


def _upload_size(upload: UploadLike) -> int:
    size = getattr(upload, "size", None)
    if isinstance(size, int):
        return size
    end = upload.seek(0, os.SEEK_END)
    upload.seek(0)
    return end


def open_image_guarded(fp: IO[bytes]) -> Image.Image:
    """Open (header only) with Pillow's bomb warning raised as an error, never a crash."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(fp)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels_error(None) from None


def count_frames(image: Image.Image) -> int:
    """Frames of an animated image, read from headers without decoding pixel data."""
    return int(getattr(image, "n_frames", 1) or 1)


def decode_first_frame(image: Image.Image) -> None:
    """Decode the pixels once; a truncated or corrupt file becomes `invalid_image`."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image.seek(0)
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels_error(image.width * image.height) from None
        except (OSError, SyntaxError, ValueError, EOFError, IndexError):
            raise _invalid_image_error() from None


def validate_image_upload(upload: UploadLike, *, content_type: str | None = None) -> ValidatedImage:
    """Run every check on an upload; return the decoded image or raise `ImageValidationError`.

    `content_type` defaults to the upload's own `content_type` (a Django `UploadedFile` carries
    the MIME type the browser declared).
    """
    check_file_size(_upload_size(upload))
    extension = check_extension(upload.name)
    if content_type is None:
        content_type = getattr(upload, "content_type", None)

    upload.seek(0)
    try:
        image = open_image_guarded(upload)  # type: ignore[arg-type]
    except ImageValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _invalid_image_error() from None

    actual = _FORMAT_ALIASES.get(image.format or "", image.format or "")
    if actual not in FORMAT_EXTENSIONS:
        raise _invalid_image_error()
    if extension not in FORMAT_EXTENSIONS[actual]:
        raise _format_mismatch_error(actual, extension)
    _check_declared_mime(content_type, actual, extension)

    try:
        frames = count_frames(image)
    except (OSError, SyntaxError, ValueError, EOFError):
        raise _invalid_image_error() from None
    check_pixel_count(image.width, image.height, frames)
    decode_first_frame(image)
    return ValidatedImage(
        image=image,
        format=actual,
        extension=extension,
        width=image.width,
        height=image.height,
        frames=frames,
    )
