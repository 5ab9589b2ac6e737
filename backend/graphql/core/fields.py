"""Field helpers: connection fields and the id-or-slug argument check."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLError

from backend.graphql.core.connection import connection_args


def connection_field(connection_type: Any, description: str = "", **extra: Any) -> graphene.Field:
    """A connection field with Saleor's before/after/first/last arguments plus `extra`."""
    return graphene.Field(connection_type, description=description, **connection_args(), **extra)


def require_one_of(**values: Any) -> None:
    """Exactly one of these arguments must be given (Saleor's rule for id | slug)."""
    given = [name for name, value in values.items() if value is not None]
    names = ", ".join(f"'{name}'" for name in values)
    if not given:
        raise GraphQLError(f"At least one of arguments is required: {names}.")
    if len(given) > 1:
        raise GraphQLError(f"Argument '{given[0]}' cannot be combined with '{given[1]}'.")
