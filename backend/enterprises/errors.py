"""Typed errors of the enterprise services: a stable code, the field it is about, a message."""

from __future__ import annotations

import enum
from typing import Any

from django.utils.functional import Promise


class EnterpriseErrorCode(enum.StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    CREDIT_CODE_TAKEN = "credit_code_taken"
    WRONG_LENGTH = "wrong_length"
    INVALID_CHARACTERS = "invalid_characters"
    WRONG_CHECK_CHARACTER = "wrong_check_character"
    INVALID_TRANSITION = "invalid_transition"
    ALREADY_MEMBER = "already_member"
    NO_ACCOUNT = "no_account"
    LAST_ADMIN = "last_admin"
    NOT_VERIFIED = "not_verified"


class EnterpriseError(Exception):
    def __init__(
        self,
        code: EnterpriseErrorCode,
        message: str | Promise,
        *,
        field: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        self.code = code
        self.field = field
        self.params = params or {}
        self.message = str(message) % self.params if self.params else str(message)
        super().__init__(f"{code}: {self.message}")
