"""Form fields for picture uploads (seller portal, admin), built on `validation.py`."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from backend.images.processing import normalise_image
from backend.images.validation import (
    FORMAT_EXTENSIONS,
    FORMAT_MIME_TYPES,
    SUPPORTED_FORMATS_TEXT,
    ValidatedImage,
    allowed_extensions,
    validate_image_upload,
)


def accept_attribute() -> str:
    """The `accept` list for <input type=file>: MIME types and extensions we take."""
    extensions = allowed_extensions()
    mime_types = [
        mime_types[0]
        for fmt, mime_types in FORMAT_MIME_TYPES.items()
        if any(ext in extensions for ext in FORMAT_EXTENSIONS[fmt])
    ]
    return ",".join(mime_types + [f".{ext}" for ext in extensions])


def _upload_help_text() -> str:
    return _("%(formats)s, up to %(size)s.") % {
        "formats": SUPPORTED_FORMATS_TEXT,
        "size": filesizeformat(settings.IMAGE_MAX_UPLOAD_BYTES),
    }


# Translated when shown (forms are built at import time, before any request's language).
upload_help_text = lazy(_upload_help_text, str)


class ImageUploadField(forms.FileField):
    """A file field that runs every image check once and keeps the decoded picture.

    The cleaned value is the upload itself, with `validated_image` (a `ValidatedImage`) set on
    it, so the service that stores it does not decode it again. Errors carry the stable codes of
    `ImageErrorCode`.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", upload_help_text())
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = accept_attribute()
        return attrs

    def to_python(self, data: Any) -> Any:
        upload = super().to_python(data)
        if upload is None:
            return None
        setattr(upload, "validated_image", validate_image_upload(upload))  # noqa: B010
        return upload


class NormalisedImageFile(ContentFile):
    """A normalised JPEG original, as a file a model `ImageField` can store."""

    def __init__(self, content: bytes, name: str, *, width: int, height: int) -> None:
        super().__init__(content, name=name)
        self.width = width
        self.height = height


def normalised_file(validated: ValidatedImage) -> NormalisedImageFile:
    """Normalise a validated upload into a file with a random name (the original name of a
    photo can hold a person's name, so it is never kept)."""
    normalised = normalise_image(validated.image)
    return NormalisedImageFile(
        normalised.content,
        f"{uuid.uuid4().hex}.{normalised.extension}",
        width=normalised.width,
        height=normalised.height,
    )


class NormalisedImageUploadField(ImageUploadField):
    """Like `ImageUploadField`, but cleans to the normalised JPEG (orientation applied, no
    metadata) instead of the raw upload. For admin forms that save straight into a model."""

    def to_python(self, data: Any) -> Any:
        upload = super().to_python(data)
        if not isinstance(upload, UploadedFile):
            return upload
        return normalised_file(upload.validated_image)  # type: ignore[attr-defined]
