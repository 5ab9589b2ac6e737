"""Programme-record error codes and the typed error the services raise."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeErrorCode(models.TextChoices):
    NOT_FOUND = "not_found"
    REGION_OUT_OF_SCOPE = "region_out_of_scope"
    INVALID = "invalid"
    REQUIRED = "required"
    PERSON_REQUIRED = "person_required"
    ALREADY_ENROLLED = "already_enrolled"
    COURSE_FULL = "course_full"
    TOO_MANY_SESSIONS = "too_many_sessions"
    COMPLETED_BEFORE_START = "completed_before_start"
    ALREADY_COMPLETED = "already_completed"
    NOT_CERTIFIED_COURSE = "not_certified_course"
    AMOUNT_NOT_POSITIVE = "amount_not_positive"
    CLAIM_ABOVE_FEE_PAID = "claim_above_fee_paid"
    CLAIM_ALREADY_OPEN = "claim_already_open"
    ALREADY_DECIDED = "already_decided"
    REASON_REQUIRED = "reason_required"
    MENTOR_ALREADY_ASSIGNED = "mentor_already_assigned"
    MENTOR_INACTIVE = "mentor_inactive"
    SCORE_OUT_OF_RANGE = "score_out_of_range"
    SCORES_REQUIRED = "scores_required"
    INVALID_FILE = "invalid_file"
    DATES_OUT_OF_ORDER = "dates_out_of_order"


class ProgrammeError(Exception):
    def __init__(
        self,
        code: ProgrammeErrorCode,
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

    def as_validation_error(self) -> ValidationError:
        """For forms and the admin: keyed by field when the error names one."""
        error = ValidationError(self.args[0], code=str(self.code), params=self.params or None)
        if self.field:
            return ValidationError({self.field: [error]})
        return error


def not_found(field: str | None = None) -> ProgrammeError:
    """The one answer for "does not exist" and "not in your regions"."""
    return ProgrammeError(ProgrammeErrorCode.NOT_FOUND, _("Not found."), field=field)


def region_out_of_scope(field: str = "region") -> ProgrammeError:
    return ProgrammeError(
        ProgrammeErrorCode.REGION_OUT_OF_SCOPE,
        _("Choose a place in your own regions."),
        field=field,
    )
