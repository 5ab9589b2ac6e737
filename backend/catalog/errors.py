"""Catalogue error codes and the typed error services raise (mapped to form or GraphQL errors)."""

from __future__ import annotations

import enum
from typing import Any


class CatalogErrorCode(enum.StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    TOO_LONG = "too_long"
    PRICE_INVALID = "price_invalid"
    STOCK_INVALID = "stock_invalid"
    STOCK_BELOW_ALLOCATED = "stock_below_allocated"
    NOT_PUBLISHABLE = "not_publishable"


class CatalogError(Exception):
    def __init__(
        self,
        code: CatalogErrorCode,
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
