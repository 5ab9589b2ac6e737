"""Typed errors of purchase requests and quotes: a stable code, the field, a message, data."""

from __future__ import annotations

import enum
from typing import Any

from django.utils.functional import Promise


class SourcingErrorCode(enum.StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    NOT_VERIFIED = "not_verified"
    DEADLINE_PASSED = "deadline_passed"
    REQUEST_NOT_OPEN = "request_not_open"
    QUOTE_NOT_OPEN = "quote_not_open"
    BELOW_FLOOR = "below_floor"
    WEIGHT_UNKNOWN = "weight_unknown"
    OVER_REQUESTED = "over_requested"
    ALREADY_QUOTED = "already_quoted"


class SourcingError(Exception):
    def __init__(
        self,
        code: SourcingErrorCode,
        message: str | Promise,
        *,
        field: str | None = None,
        **data: Any,
    ) -> None:
        self.code = code
        self.message = str(message)
        self.field = field
        self.data = data
        super().__init__(f"{code}: {self.message}")
