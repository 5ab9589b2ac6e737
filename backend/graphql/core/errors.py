"""Errors the API may show to clients, and the formatter that hides everything else.

Only GraphQLErrors (validation, bad arguments, limits) are shown as they are. Any other
exception is logged with its traceback and reported as "Internal Server Error": stack traces,
SQL and internal messages never reach the client, whatever DEBUG says.
"""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError

logger = logging.getLogger("backend.graphql.errors")

INTERNAL_ERROR_MESSAGE = "Internal Server Error"


class QueryCostError(GraphQLError):
    """The query asks for more than GRAPHQL_QUERY_MAX_COST."""


class QueryLimitError(GraphQLError):
    """Depth, alias, page-size or operation-count limits."""


def unwrap_error(error: Exception) -> Exception:
    """The exception that really happened, under graphql-core's GraphQLError wrappers."""
    while isinstance(error, GraphQLError):
        original = error.original_error
        if original is None or original is error:
            break
        error = original
    return error


def format_error(error: Exception) -> dict[str, Any]:
    cause = unwrap_error(error)
    if isinstance(cause, GraphQLError):
        formatted: dict[str, Any] = dict(error.formatted) if isinstance(error, GraphQLError) else {}
        formatted["message"] = cause.message
        extensions = dict(cause.extensions or {})
        extensions.setdefault("exception", {"code": type(cause).__name__})
        formatted["extensions"] = extensions
        return formatted
    logger.error("A GraphQL request failed unexpectedly", exc_info=cause)
    result: dict[str, Any] = {
        "message": INTERNAL_ERROR_MESSAGE,
        "extensions": {"exception": {"code": "InternalServerError"}},
    }
    if isinstance(error, GraphQLError):
        if error.locations:
            result["locations"] = [
                {"line": loc.line, "column": loc.column} for loc in error.locations
            ]
        if error.path:
            result["path"] = error.path
    return result
