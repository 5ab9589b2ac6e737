"""Verification error codes and the typed error services raise."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class VerificationErrorCode(models.TextChoices):
    NOT_FOUND = "not_found"
    NOT_ELIGIBLE = "not_eligible"
    ALREADY_OPEN = "already_open"
    INVALID_TRANSITION = "invalid_transition"
    REASON_REQUIRED = "reason_required"
    EVIDENCE_MISSING = "evidence_missing"
    NOT_RENEWABLE = "not_renewable"
    INVALID_VALIDITY = "invalid_validity"


class VerificationError(Exception):
    def __init__(
        self,
        code: VerificationErrorCode,
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


def not_found(field: str | None = "application") -> VerificationError:
    """The one answer for "does not exist", "not yours" and "not your region"."""
    return VerificationError(VerificationErrorCode.NOT_FOUND, _("Not found."), field=field)


def invalid_transition(current: StrOrPromise, wanted: StrOrPromise) -> VerificationError:
    return VerificationError(
        VerificationErrorCode.INVALID_TRANSITION,
        _("This application is “%(current)s”, so it cannot be %(wanted)s now."),
        field="status",
        params={"current": current, "wanted": wanted},
    )
