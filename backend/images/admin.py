"""Admin pieces for pictures, shared by the catalogue and producer admins.

The images app has no models of its own. What it gives the admin: picture fields that run the
upload checks and store the normalised original (no EXIF, no GPS), and small previews drawn
from the thumbnail rendition (made on first request by the rendition view).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from backend.images.fields import NormalisedImageFile, NormalisedImageUploadField
from backend.images.renditions import rendition_source_dirs, rendition_url

# Give every model ImageField in an admin form the checked, normalising upload field.
PICTURE_FORMFIELD_OVERRIDES: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.ImageField: {"form_class": NormalisedImageUploadField},
}


def picture_preview(image: FieldFile | None, alt: str = "") -> SafeString | str:
    """A small thumbnail (the JPEG rendition), or a dash when there is no picture."""
    name = getattr(image, "name", "") or ""
    if not name:
        return "—"
    if name.split("/", 1)[0] not in rendition_source_dirs():
        return name
    return format_html(
        '<img src="{}" alt="{}" width="80" loading="lazy" style="max-height:80px;'
        'width:auto;object-fit:contain">',
        rendition_url(name, "thumbnail", "jpeg"),
        alt,
    )


picture_preview_description = _("preview")


def apply_normalised_size(instance: Any, image: object) -> None:
    """Copy width and height of a freshly normalised upload onto a model that stores them."""
    if isinstance(image, NormalisedImageFile):
        if hasattr(instance, "width"):
            instance.width = image.width
        if hasattr(instance, "height"):
            instance.height = image.height
