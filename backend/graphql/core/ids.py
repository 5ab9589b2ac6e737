"""Global IDs in Saleor's (and Relay's) form: base64 of "TypeName:pk"."""

from __future__ import annotations

from collections.abc import Iterable

from graphql import GraphQLError
from graphql_relay import from_global_id, to_global_id

__all__ = ["from_global_id_or_error", "ids_from_global_ids", "to_global_id"]


def from_global_id_or_error(global_id: str, expected_type: str) -> int:
    """The primary key behind a global ID of the expected type; a GraphQLError otherwise."""
    try:
        type_name, raw_pk = from_global_id(global_id)
    except Exception as error:  # graphql-relay raises several kinds on garbage input
        raise GraphQLError(f"Couldn't resolve id: {global_id}.") from error
    if type_name != expected_type:
        raise GraphQLError(
            f"Invalid ID: {global_id}. Expected: {expected_type}, received: {type_name or '?'}."
        )
    try:
        return int(raw_pk)
    except ValueError as error:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {expected_type}.") from error


def ids_from_global_ids(global_ids: Iterable[str], expected_type: str) -> list[int]:
    return [from_global_id_or_error(gid, expected_type) for gid in global_ids]
