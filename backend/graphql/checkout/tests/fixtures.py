"""Fixtures for the checkout, account and order API tests (each package's conftest imports
them): an API client that can send a Bearer token, a courier, buyers and a shopping scenario
built through the real services."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test.client import Client

from backend.accounts.models import User
from backend.accounts.tests.factories import PASSWORD
from backend.catalog.models import Channel, ProductVariant
from backend.checkout.models import ShippingMethod
from backend.checkout.tests.scenarios import listed_variant, make_courier, new_producer, new_user
from backend.graphql.account.tokens import ACCESS, create_token
from backend.graphql.conftest import GRAPHQL_URL, GraphQLResponse
from backend.graphql.core.ids import to_global_id

Api = Callable[..., GraphQLResponse]

ADDRESS = {
    "firstName": "小花",
    "lastName": "张",
    "phone": "139 1234 5678",
    "countryArea": "北京市",
    "city": "北京市",
    "cityArea": "朝阳区",
    "streetAddress1": "幸福路 8 号 3 单元 501",
    "country": "CN",
}
BANK = "offline.bank_transfer"


@pytest.fixture
def api(client: Client) -> Api:
    """Post one operation; `token=` sends it as `Authorization: Bearer <token>`."""

    def post(
        query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> GraphQLResponse:
        payload: dict[str, Any] = {"query": query}
        if variables is not None:
            payload["variables"] = variables
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        response = client.post(
            GRAPHQL_URL, data=json.dumps(payload), content_type="application/json", **headers
        )
        return GraphQLResponse(response.status_code, json.loads(response.content))

    return post


@pytest.fixture
def courier(db: Any) -> ShippingMethod:
    return make_courier()


@pytest.fixture
def customer(db: Any) -> User:
    return new_user(email="customer@example.test", name="王小明")


@pytest.fixture
def customer_token(customer: User) -> str:
    return create_token(customer, ACCESS)


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def variant(channel: Channel) -> ProductVariant:
    return listed_variant(channel, price="49.90", stock=10)


@pytest.fixture
def variant_maker(channel: Channel) -> Callable[..., ProductVariant]:
    def make(**kwargs: Any) -> ProductVariant:
        return listed_variant(channel, **kwargs)

    return make


def payload(response: GraphQLResponse, name: str) -> dict[str, Any]:
    """The named mutation's payload (or query field) of a response without top-level errors."""
    assert response.status == 200, response
    assert response.errors is None, response
    assert response.data is not None, response
    value: dict[str, Any] = response.data[name]
    return value


def codes(result: dict[str, Any]) -> list[tuple[str | None, str]]:
    """(field, code) of each error in a payload, in order."""
    return [(error["field"], error["code"]) for error in result["errors"]]


def gid(type_name: str, pk: Any) -> str:
    return to_global_id(type_name, str(pk))


__all__ = [
    "ADDRESS",
    "BANK",
    "Api",
    "api",
    "codes",
    "courier",
    "customer",
    "customer_token",
    "gid",
    "new_producer",
    "password",
    "payload",
    "variant",
    "variant_maker",
]
