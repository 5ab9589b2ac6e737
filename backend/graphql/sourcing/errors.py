"""`SourcingError`: the purchase-request and quote services' typed errors as payload data."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager

import graphene

from backend.graphql.core.error_types import Error
from backend.graphql.core.mutations import MutationErrors
from backend.sourcing.errors import SourcingError as SourcingServiceError
from backend.sourcing.errors import SourcingErrorCode as ServiceCode
from backend.sourcing.quantities import plain

SourcingErrorCode = enum.Enum(  # type: ignore[misc]
    "SourcingErrorCode",
    {**{code.name: code.value for code in ServiceCode}, "GRAPHQL_ERROR": "graphql_error"},
)
SourcingErrorCodeEnum = graphene.Enum.from_enum(SourcingErrorCode, name="SourcingErrorCode")


class SourcingError(Error):
    code_enum = SourcingErrorCode

    code = graphene.Field(SourcingErrorCodeEnum, required=True, description="The error code.")
    floor_per_kg = graphene.String(
        description="For below_floor: the protected floor price per kg (yuan)."
    )
    remaining = graphene.String(
        description="For over_requested: the quantity the request still needs."
    )

    class Meta:
        description = "An error of a purchase-request or quote mutation."


@contextmanager
def sourcing_errors() -> Iterator[None]:
    """Run a sourcing service; its typed errors become payload errors."""
    try:
        yield
    except SourcingServiceError as error:
        extra = {}
        if "floor_per_kg" in error.data:
            extra["floor_per_kg"] = str(error.data["floor_per_kg"])
        if "remaining" in error.data:
            extra["remaining"] = plain(error.data["remaining"])
        raise MutationErrors.of(
            error.code.value, field=error.field, message=error.message, **extra
        ) from error
