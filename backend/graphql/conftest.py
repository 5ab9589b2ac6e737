"""Fixtures for GraphQL API tests: a client that posts queries, a query counter that prints
the SQL it saw on failure, and catalogue scenarios built from the domain factories."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.client import Client
from django.test.utils import CaptureQueriesContext

GRAPHQL_URL = "/graphql/"


class GraphQLResponse:
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        self.status = status
        self.body = body
        self.data = body.get("data")
        self.errors = body.get("errors")
        self.extensions = body.get("extensions")

    def __repr__(self) -> str:
        return f"<GraphQLResponse {self.status} {json.dumps(self.body, ensure_ascii=False)[:2000]}>"


@pytest.fixture
def gql(client: Client) -> Callable[..., GraphQLResponse]:
    def post(query: str, variables: dict[str, Any] | None = None, **extra: Any) -> GraphQLResponse:
        payload: dict[str, Any] = {"query": query}
        if variables is not None:
            payload["variables"] = variables
        payload.update(extra)
        response = client.post(
            GRAPHQL_URL, data=json.dumps(payload), content_type="application/json"
        )
        return GraphQLResponse(response.status_code, json.loads(response.content))

    return post


@contextmanager
def assert_num_queries(expected: int) -> Iterator[CaptureQueriesContext]:
    """Like django_assert_num_queries, but a failure always prints every captured SQL."""
    with CaptureQueriesContext(connection) as captured:
        yield captured
    if len(captured) != expected:
        sql = "\n\n".join(f"{i + 1}. {q['sql']}" for i, q in enumerate(captured.captured_queries))
        pytest.fail(f"Expected {expected} queries, {len(captured)} were run:\n\n{sql}")


@pytest.fixture
def count_queries() -> Callable[[int], Any]:
    return assert_num_queries


@pytest.fixture
def listed_product(channel: Any, producer: Any) -> Callable[..., Any]:
    """Make a product of `producer` (or another) published in `channel` with priced variants."""
    from backend.catalog.tests.factories import ProductFactory, list_product

    def make(prices: list[str] | None = None, **fields: Any) -> Any:
        fields.setdefault("producer", producer)
        product: Any = ProductFactory(**fields)
        list_product(product, channel, [Decimal(p) for p in (prices or ["49.90"])])
        return product

    return make
