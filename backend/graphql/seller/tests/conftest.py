"""A disabled seller's shop with everyone who might touch it (`build_people`), a product and a
paid order of that shop, and a client signed in as any of those people."""

from __future__ import annotations

import json
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import Client
from PIL import Image

from backend.catalog.models import Product
from backend.catalog.tests.factories import ProductFactory, list_product
from backend.checkout.tests.scenarios import listed_variant, make_courier, ready_checkout
from backend.graphql.conftest import GRAPHQL_URL, GraphQLResponse
from backend.orders.complete_checkout import complete_checkout
from backend.orders.models import Order
from backend.payments.offline import confirm_offline_payment
from backend.sellers.tests.scenarios import People, build_people


@pytest.fixture
def people(db: Any) -> People:
    return build_people()


@pytest.fixture
def shop_product(people: People, channel: Any) -> Product:
    product: Product = ProductFactory.create(producer=people.shop, name="渭源党参")
    list_product(product, channel, stock=10)
    return product


@pytest.fixture
def shop_order(people: People, channel: Any) -> Order:
    """A paid order of 2 units of the shop's product and 1 of another shop's."""
    ours = listed_variant(channel, producer=people.shop, stock=5)
    theirs = listed_variant(channel, producer=people.other_shop, stock=5)
    order = complete_checkout(
        ready_checkout(channel, [(ours, 2), (theirs, 1)], method=make_courier()),
        actor=None,
        gateway="offline.bank_transfer",
    )
    confirm_offline_payment(order, actor=None)
    return order


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


def jpeg_upload(size: tuple[int, int] = (640, 480), name: str = "IMG_0001.jpg") -> Any:
    buffer = BytesIO()
    Image.new("RGB", size, (120, 80, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


Poster = Callable[..., GraphQLResponse]


@pytest.fixture
def gql_as(client: Client, people: People) -> Callable[[str], Poster]:
    """`gql_as("helper_products")(query, variables, files={"image": upload})`: posts as that
    person (signed in through the session); files go as a GraphQL multipart request."""

    def for_role(role: str) -> Poster:
        user = people[role]
        if user.is_authenticated:
            client.force_login(user)
        else:
            client.logout()

        def post(
            query: str, variables: dict[str, Any] | None = None, files: dict[str, Any] | None = None
        ) -> GraphQLResponse:
            payload = {"query": query, "variables": variables or {}}
            if files:
                file_map = {str(i): [path] for i, path in enumerate(files)}
                data: dict[str, Any] = {
                    "operations": json.dumps(payload),
                    "map": json.dumps(file_map),
                }
                data.update({str(i): upload for i, upload in enumerate(files.values())})
                response = client.post(GRAPHQL_URL, data=data)
            else:
                response = client.post(
                    GRAPHQL_URL, data=json.dumps(payload), content_type="application/json"
                )
            return GraphQLResponse(response.status_code, json.loads(response.content))

        return post

    return for_role
