"""Shop (producer) error codes and the typed error the shop services raise."""

from __future__ import annotations

from typing import Any

from django.db import models


class ShopErrorCode(models.TextChoices):
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    TOO_LONG = "too_long"
    INVALID_KIND = "invalid_kind"
    INVALID_REGION = "invalid_region"
    INVALID_URL = "invalid_url"
    DUPLICATE_LINK = "duplicate_link"
    TOO_MANY_LINKS = "too_many_links"
    INVALID_IDENTITY = "invalid_identity"
    IDENTITY_IN_USE = "identity_in_use"
    # the logo picture (same values as backend.images.validation.ImageErrorCode)
    FILE_TOO_LARGE = "file_too_large"
    INVALID_EXTENSION = "invalid_extension"
    INVALID_IMAGE = "invalid_image"
    FORMAT_MISMATCH = "format_mismatch"
    TOO_MANY_PIXELS = "too_many_pixels"


class ShopError(Exception):
    """A refused change to a shop: `code` for programs, `message` for people, `field` names the
    input it is about."""

    def __init__(
        self,
        code: ShopErrorCode,
        message: Any,
        *,
        field: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        self.code = code
        self.field = field
        self.params = params or {}
        self.message = str(message % self.params if self.params else message)
        super().__init__(self.message)


def not_found(field: str | None = "shop") -> ShopError:
    """The one answer for "does not exist" and "not yours"."""
    from django.utils.translation import gettext_lazy as _

    return ShopError(ShopErrorCode.NOT_FOUND, _("Not found."), field=field)
