"""Seller and helper error codes and the typed error services raise."""

from __future__ import annotations

from typing import Any

from django.db import models


class SellerErrorCode(models.TextChoices):
    NOT_FOUND = "not_found"
    CANNOT_HELP_OWN_SHOP = "cannot_help_own_shop"
    HELPER_INACTIVE = "helper_inactive"
    ALREADY_HELPER = "already_helper"
    ALREADY_REVOKED = "already_revoked"
    ALREADY_MEMBER = "already_member"
    LAST_OWNER = "last_owner"
    CONFIRMATION_NOT_NEEDED = "confirmation_not_needed"
    CONFIRMATION_NOT_PENDING = "confirmation_not_pending"
    NOT_STAFF = "not_staff"
    ALREADY_OPERATOR = "already_operator"


class SellerError(Exception):
    """A refused seller or helper change. `code` is for programs, the message for people."""

    def __init__(
        self,
        code: SellerErrorCode,
        message: Any,
        *,
        field: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        self.code = code
        self.field = field
        self.params = params or {}
        super().__init__(message)


def not_found(field: str | None = None) -> SellerError:
    """The one answer for "does not exist" and "not yours"."""
    from django.utils.translation import gettext_lazy as _

    return SellerError(SellerErrorCode.NOT_FOUND, _("Not found."), field=field)
