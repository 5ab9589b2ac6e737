"""Traceability error codes and the typed error its services raise."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class TraceabilityErrorCode(models.TextChoices):
    NOT_FOUND = "not_found"
    INVALID = "invalid"
    REQUIRED = "required"
    INVALID_ORIGIN = "invalid_origin"
    INVALID_DATE = "invalid_date"
    WRONG_PRODUCT = "wrong_product"
    TOO_MANY_FOR_LINE = "too_many_for_line"
    INSUFFICIENT_BATCH_QUANTITY = "insufficient_batch_quantity"
    BATCH_OFFLINE = "batch_offline"
    CONSENT_TO_PUBLISH_REQUIRED = "consent_to_publish_required"


class TraceabilityError(Exception):
    def __init__(
        self,
        code: TraceabilityErrorCode,
        message: Any,
        *,
        field: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        self.code = code
        self.field = field
        self.params = params or {}
        super().__init__(message)

    @property
    def message(self) -> str:
        text = str(self.args[0])
        return text % self.params if self.params else text


def not_found(field: str | None = "batch") -> TraceabilityError:
    """The one answer for "does not exist" and "not yours"."""
    return TraceabilityError(TraceabilityErrorCode.NOT_FOUND, _("Not found."), field=field)
