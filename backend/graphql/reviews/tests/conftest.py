"""A disabled seller's shop with everyone who might touch it, delivered purchases of its product
by buyers, and a client posting GraphQL (multipart for photos) as any of them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test.client import Client

from backend.accounts.models import User
from backend.accounts.tests.factories import UserFactory
from backend.catalog.models import ProductVariant
from backend.checkout.tests.scenarios import listed_variant, make_courier
from backend.graphql.conftest import GRAPHQL_URL, GraphQLResponse
from backend.reviews.tests.scenarios import Purchase, delivered_purchase
from backend.sellers.tests.scenarios import People, build_people

Poster = Callable[..., GraphQLResponse]


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def people(db: Any) -> People:
    return build_people()


@pytest.fixture
def shop_variant(people: People, channel: Any) -> ProductVariant:
    return listed_variant(channel, producer=people.shop, stock=100)


@pytest.fixture
def buy(channel: Any, shop_variant: ProductVariant) -> Callable[..., Purchase]:
    courier = make_courier()

    def purchase(buyer: User | None = None) -> Purchase:
        return delivered_purchase(
            channel, courier, buyer or UserFactory(name="买家"), variants=[shop_variant]
        )

    return purchase


@pytest.fixture
def post_as(client: Client) -> Callable[[Any], Poster]:
    def for_user(user: Any) -> Poster:
        if user is not None and user.is_authenticated:
            client.force_login(user)
        else:
            client.logout()

        def post(
            query: str, variables: dict[str, Any] | None = None, files: dict[str, Any] | None = None
        ) -> GraphQLResponse:
            payload = {"query": query, "variables": variables or {}}
            if files:
                data: dict[str, Any] = {
                    "operations": json.dumps(payload),
                    "map": json.dumps({str(i): [path] for i, path in enumerate(files)}),
                }
                data.update({str(i): upload for i, upload in enumerate(files.values())})
                response = client.post(GRAPHQL_URL, data=data)
            else:
                response = client.post(
                    GRAPHQL_URL, data=json.dumps(payload), content_type="application/json"
                )
            return GraphQLResponse(response.status_code, json.loads(response.content))

        return post

    return for_user
