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


@pytest.fixture
def certification(db: Any) -> Any:
    """A storefront attribute (三品一标 certifications) with two values."""
    from backend.catalog.models import Attribute, AttributeInputType, AttributeValue

    attribute = Attribute.objects.create(
        slug="certification", name="认证", input_type=AttributeInputType.MULTISELECT
    )
    AttributeValue.objects.create(
        attribute=attribute, name="地理标志", slug="geo-mark", sort_order=1
    )
    AttributeValue.objects.create(attribute=attribute, name="有机", slug="organic", sort_order=2)
    return attribute


@pytest.fixture
def published_collection(channel: Any) -> Any:
    from backend.catalog.models import Collection, CollectionChannelListing

    collection = Collection.objects.create(name="一县一品", slug="one-county-one-product")
    CollectionChannelListing.objects.create(
        collection=collection, channel=channel, is_published=True
    )
    return collection


@pytest.fixture
def full_catalogue(
    channel: Any, certification: Any, published_collection: Any
) -> Callable[[int], list[Any]]:
    """`n` products, each with its own producer, a subcategory, a photo, a certification, a place
    in a collection and two priced variants with stock: every relation a list query touches."""
    from backend.catalog.models import (
        AssignedProductAttributeValue,
        CollectionProduct,
        ProductMedia,
    )
    from backend.catalog.tests.factories import CategoryFactory, ProductFactory, list_product
    from backend.producers.tests.factories import ProducerFactory

    parent = CategoryFactory(name="农产品", slug="farm")
    value = certification.values.get(slug="organic")

    def build(n: int) -> list[Any]:
        products = []
        for i in range(n):
            category = CategoryFactory(parent=parent)
            product: Any = ProductFactory(producer=ProducerFactory(), category=category)
            list_product(product, channel, [Decimal("10.00") + i, Decimal("20.00") + i])
            ProductMedia.objects.create(
                product=product, image=f"products/photo-{product.pk}.jpg", alt=f"照片{i}"
            )
            AssignedProductAttributeValue.objects.create(value=value, product=product)
            CollectionProduct.objects.create(
                collection=published_collection, product=product, sort_order=i
            )
            products.append(product)
        return products

    return build
