"""`ProductReviewError` and the mapping from the review services' typed errors to it."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager

import graphene

from backend.graphql.core.error_types import Error
from backend.graphql.core.mutations import MutationErrors
from backend.reviews.errors import ReviewError, ReviewErrorCode


class ProductReviewErrorCode(enum.Enum):
    GRAPHQL_ERROR = "graphql_error"
    NOT_FOUND = "not_found"
    NOT_DELIVERED = "not_delivered"
    ALREADY_REVIEWED = "already_reviewed"
    RATE_LIMITED = "rate_limited"
    REQUIRED = "required"
    INVALID = "invalid"
    TOO_LONG = "too_long"
    TOO_MANY_PHOTOS = "too_many_photos"
    FILE_TOO_LARGE = "file_too_large"
    INVALID_EXTENSION = "invalid_extension"
    INVALID_IMAGE = "invalid_image"
    FORMAT_MISMATCH = "format_mismatch"
    TOO_MANY_PIXELS = "too_many_pixels"
    ALREADY_ANSWERED = "already_answered"
    ALREADY_REPORTED = "already_reported"


ProductReviewErrorCodeEnum = graphene.Enum.from_enum(
    ProductReviewErrorCode, name="ProductReviewErrorCode"
)


class ProductReviewError(Error):
    code_enum = ProductReviewErrorCode

    code = graphene.Field(ProductReviewErrorCodeEnum, required=True, description="The error code.")

    class Meta:
        description = "Sunshine Market: an error of a product review mutation."


# service field → GraphQL input field
FIELDS = {"order_line": "orderLine", "id": "id", "rating": "rating", "text": "text"}


def graphql_field(field: str | None) -> str | None:
    if field is None:
        return None
    if field.startswith("photos"):
        return field  # "photos" or "photos.<index>", as the input path
    return FIELDS.get(field, field)


@contextmanager
def review_service_errors() -> Iterator[None]:
    """Run a review service; its `ReviewError` becomes the payload's errors."""
    try:
        yield
    except ReviewError as error:
        try:
            code = ProductReviewErrorCode(ReviewErrorCode(error.code).value)
        except ValueError:
            code = ProductReviewErrorCode.INVALID
        raise MutationErrors.of(
            code, field=graphql_field(error.field), message=error.message
        ) from error
