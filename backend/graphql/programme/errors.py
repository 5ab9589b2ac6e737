"""`TrainingError` and the mapping from the programme services' typed errors to it."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager

import graphene

from backend.graphql.core.error_types import Error
from backend.graphql.core.mutations import MutationErrors
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode

TrainingErrorCode = enum.Enum(  # type: ignore[misc]
    "TrainingErrorCode",
    {"GRAPHQL_ERROR": "graphql_error"} | {code.name: code.value for code in ProgrammeErrorCode},
)

TrainingErrorCodeEnum = graphene.Enum.from_enum(TrainingErrorCode, name="TrainingErrorCode")


class TrainingError(Error):
    code_enum = TrainingErrorCode

    code = graphene.Field(TrainingErrorCodeEnum, required=True, description="The error code.")

    class Meta:
        description = "Sunshine Market: an error of a training (programme record) mutation."


# service field → GraphQL input field
FIELDS = {
    "enrolment": "enrolment",
    "amount_claimed": "amountClaimed",
    "fee_paid_amount": "feePaidAmount",
    "evidence": "receipt",
}


@contextmanager
def training_service_errors() -> Iterator[None]:
    """Run a programme service; its `ProgrammeError` becomes the payload's errors."""
    try:
        yield
    except ProgrammeError as error:
        raise MutationErrors.of(
            TrainingErrorCode(error.code.value),
            field=FIELDS.get(error.field or "", error.field),
            message=error.message,
        ) from error
