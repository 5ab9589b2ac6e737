"""Ids of the review mutations' inputs: a malformed id is `GRAPHQL_ERROR` on its field."""

from __future__ import annotations

from graphql import GraphQLError

from backend.graphql.core.ids import from_global_id_or_error
from backend.graphql.core.mutations import MutationErrors
from backend.graphql.reviews.errors import ProductReviewErrorCode


def pk_from_id(global_id: str, type_name: str, *, field: str) -> int:
    try:
        return from_global_id_or_error(global_id, type_name)
    except GraphQLError as error:
        raise MutationErrors.of(
            ProductReviewErrorCode.GRAPHQL_ERROR, field=field, message=error.message
        ) from error
