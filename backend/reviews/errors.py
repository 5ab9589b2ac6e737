"""Review error codes and the typed error the review services raise (mapped to form errors and
to `ProductReviewError` in GraphQL)."""

from __future__ import annotations

import enum
from typing import Any


class ReviewErrorCode(enum.StrEnum):
    NOT_FOUND = "not_found"
    NOT_DELIVERED = "not_delivered"
    ALREADY_REVIEWED = "already_reviewed"
    RATE_LIMITED = "rate_limited"
    REQUIRED = "required"
    INVALID = "invalid"
    TOO_LONG = "too_long"
    TOO_MANY_PHOTOS = "too_many_photos"
    # a photo (the same values as backend.images.validation.ImageErrorCode)
    FILE_TOO_LARGE = "file_too_large"
    INVALID_EXTENSION = "invalid_extension"
    INVALID_IMAGE = "invalid_image"
    FORMAT_MISMATCH = "format_mismatch"
    TOO_MANY_PIXELS = "too_many_pixels"
    # answers, reports, moderation
    ALREADY_ANSWERED = "already_answered"
    ALREADY_REPORTED = "already_reported"
    ALREADY_HIDDEN = "already_hidden"
    NOT_HIDDEN = "not_hidden"


class ReviewError(Exception):
    """A refused review action: `code` for programs, `message` for people, `field` the input
    the message is about (None for the whole request)."""

    def __init__(
        self,
        code: ReviewErrorCode,
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
