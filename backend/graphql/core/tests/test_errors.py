"""Unexpected failures never show a stack trace, SQL or an internal message to the client."""

from __future__ import annotations

from django.db import connection
from graphql import GraphQLError, located_error

from backend.graphql.catalog import resolvers
from backend.graphql.core.errors import INTERNAL_ERROR_MESSAGE, format_error


def test_format_error_hides_non_graphql_exceptions():
    # given
    error = located_error(RuntimeError('relation "secret_table" does not exist'), None, ["x"])

    # when
    formatted = format_error(error)

    # then
    assert formatted == {
        "message": INTERNAL_ERROR_MESSAGE,
        "path": ["x"],
        "extensions": {"exception": {"code": "InternalServerError"}},
    }


def test_format_error_keeps_client_errors():
    # given
    error = located_error(GraphQLError("Received cursor is invalid."), None, ["products"])

    # when
    formatted = format_error(error)

    # then
    assert formatted["message"] == "Received cursor is invalid."
    assert formatted["path"] == ["products"]


def test_database_error_in_a_resolver_is_reported_without_sql(gql, channel, monkeypatch):
    # given: a resolver that runs broken SQL against the real database
    def broken(*args, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT secret_column FROM no_such_table")

    monkeypatch.setattr(resolvers, "resolve_products", broken)

    # when
    response = gql("{ products(first: 1) { totalCount } shop { name } }")

    # then
    body = str(response.body)
    assert response.errors[0]["message"] == INTERNAL_ERROR_MESSAGE
    assert response.data["shop"]["name"]  # the rest of the query still answers
    assert "no_such_table" not in body
    assert "secret_column" not in body
    assert "Traceback" not in body
