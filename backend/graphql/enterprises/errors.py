"""`EnterpriseError`: the enterprise services' typed errors as payload data."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager

import graphene

from backend.enterprises.errors import EnterpriseError as EnterpriseServiceError
from backend.enterprises.errors import EnterpriseErrorCode as ServiceCode
from backend.graphql.core.error_types import Error
from backend.graphql.core.mutations import MutationErrors

EnterpriseErrorCode = enum.Enum(  # type: ignore[misc]
    "EnterpriseErrorCode",
    {**{code.name: code.value for code in ServiceCode}, "GRAPHQL_ERROR": "graphql_error"},
)
EnterpriseErrorCodeEnum = graphene.Enum.from_enum(EnterpriseErrorCode, name="EnterpriseErrorCode")


class EnterpriseError(Error):
    code_enum = EnterpriseErrorCode

    code = graphene.Field(EnterpriseErrorCodeEnum, required=True, description="The error code.")

    class Meta:
        description = "An error of an enterprise or pledge mutation."


@contextmanager
def enterprise_errors() -> Iterator[None]:
    try:
        yield
    except EnterpriseServiceError as error:
        raise MutationErrors.of(
            error.code.value, field=error.field, message=error.message
        ) from error
