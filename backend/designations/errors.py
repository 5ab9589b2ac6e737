"""Typed errors of the designation services: a stable code, the field it is about, a message."""

from __future__ import annotations

import enum

from django.utils.functional import Promise


class DesignationErrorCode(enum.StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    NOT_ELIGIBLE = "not_eligible"
    ALREADY_CONFIRMED = "already_confirmed"
    ALREADY_REVOKED = "already_revoked"


class DesignationError(Exception):
    def __init__(
        self, code: DesignationErrorCode, message: str | Promise, *, field: str | None = None
    ) -> None:
        self.code = code
        self.field = field
        self.message = str(message)
        super().__init__(f"{code}: {self.message}")
