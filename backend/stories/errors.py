"""Story error codes and the typed error its services raise."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoryErrorCode(models.TextChoices):
    NOT_FOUND = "not_found"
    ALREADY_CONSENTED = "already_consented"
    NO_CONSENT = "no_consent"


class StoryError(Exception):
    def __init__(self, code: StoryErrorCode, message: Any, *, field: str | None = None) -> None:
        self.code = code
        self.field = field
        super().__init__(message)

    @property
    def message(self) -> str:
        return str(self.args[0])


def not_found() -> StoryError:
    return StoryError(StoryErrorCode.NOT_FOUND, _("Not found."), field="story")
