"""`ContractError`: the procurement services' typed errors as payload data (codes lower snake)."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager

import graphene

from backend.graphql.core.error_types import Error
from backend.graphql.core.mutations import MutationErrors
from backend.procurement.errors import ProcurementError, ProcurementErrorCode

ContractErrorCode = enum.Enum(  # type: ignore[misc]
    "ContractErrorCode",
    {**{code.name: code.value for code in ProcurementErrorCode}, "GRAPHQL_ERROR": "graphql_error"},
)

ContractErrorCodeEnum = graphene.Enum.from_enum(ContractErrorCode, name="ContractErrorCode")


class ContractError(Error):
    code_enum = ContractErrorCode

    code = graphene.Field(ContractErrorCodeEnum, required=True, description="The error code.")
    floor_per_kg = graphene.String(
        description="For below_floor: the protected floor price per kg (yuan, to the cent)."
    )

    class Meta:
        description = "An error of a contract or procurement-order mutation."


def _camel(field: str | None) -> str | None:
    if field is None:
        return None
    head, *rest = field.split(".")
    return ".".join([head, *rest])


@contextmanager
def procurement_errors() -> Iterator[None]:
    """Run a procurement service; its typed errors become payload errors."""
    try:
        yield
    except ProcurementError as error:
        extra = {}
        if "floor_per_kg" in error.data:
            extra["floor_per_kg"] = str(error.data["floor_per_kg"])
        raise MutationErrors.of(
            error.code.value, field=_camel(error.field), message=error.message, **extra
        ) from error
