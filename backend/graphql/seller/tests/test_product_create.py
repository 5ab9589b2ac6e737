from __future__ import annotations

from typing import Any

import pytest

from backend.audit.models import AuditEvent, AuditEventType
from backend.catalog.models import Product
from backend.catalog.tests.factories import CategoryFactory
from backend.graphql.core.ids import to_global_id
from backend.graphql.seller.tests.operations import PRODUCT_CREATE
from backend.producers.tests.factories import ProducerFactory
from backend.sellers.tests.scenarios import People

pytestmark = pytest.mark.django_db


def _input(people: People, **extra: Any) -> dict[str, Any]:
    values = {
        "producer": to_global_id("Producer", people.shop.pk),
        "name": "渭源党参",
        "price": "25.50",
        "stockQuantity": 12,
        "variantName": "500克",
    }
    values.update(extra)
    return values


def test_product_create_by_helper_creates_unpublished_product_with_audit_row(
    gql_as, people, channel
):
    # given
    category = CategoryFactory.create()
    post = gql_as("helper_products")

    # when
    response = post(
        PRODUCT_CREATE, {"input": _input(people, category=to_global_id("Category", category.pk))}
    )

    # then
    payload = response.data["productCreate"]
    assert payload["errors"] == []
    product = Product.objects.get(producer=people.shop)
    assert payload["product"]["id"] == to_global_id("Product", product.pk)
    assert product.category == category
    assert not product.channel_listings.get().is_published
    event = AuditEvent.objects.get(event_type=AuditEventType.PRODUCT_CREATED)
    assert (event.actor, event.seller, event.on_behalf_of) == (
        people.user("helper_products"),
        people.shop,
        people.user("owner"),
    )


def test_product_create_without_producer_uses_the_only_shop(gql_as, people, channel):
    # given
    post = gql_as("owner")

    # when
    response = post(PRODUCT_CREATE, {"input": _input(people, producer=None)})

    # then
    assert response.data["productCreate"]["errors"] == []
    assert Product.objects.filter(producer=people.shop).count() == 1


def test_product_create_without_producer_for_two_shops_is_required(gql_as, people, channel):
    # given
    ProducerFactory.create(owner=people.user("owner"))
    post = gql_as("owner")

    # when
    response = post(PRODUCT_CREATE, {"input": _input(people, producer=None)})

    # then
    [error] = response.data["productCreate"]["errors"]
    assert (error["field"], error["code"]) == ("producer", "REQUIRED")
    assert not Product.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"name": "  "}, "name", "REQUIRED"),
        ({"name": "长" * 121}, "name", "INVALID"),
        ({"price": "0"}, "price", "INVALID_PRICE"),
        ({"price": "1.234"}, "price", "INVALID_PRICE"),
        ({"stockQuantity": -1}, "stockQuantity", "INVALID"),
        ({"weight": -500}, "weight", "INVALID"),
        ({"category": "Q2F0ZWdvcnk6OTk5OTk5"}, "category", "NOT_FOUND"),  # Category:999999
        ({"category": "not-an-id"}, "category", "GRAPHQL_ERROR"),
        ({"producer": "UHJvZHVjZXI6OTk5OTk5"}, "producer", "NOT_FOUND"),  # Producer:999999
    ],
)
def test_product_create_bad_input_reports_error_and_creates_nothing(
    gql_as, people, channel, extra, field, code
):
    # given
    post = gql_as("owner")

    # when
    response = post(PRODUCT_CREATE, {"input": _input(people, **extra)})

    # then
    [error] = response.data["productCreate"]["errors"]
    assert (error["field"], error["code"]) == (field, code)
    assert error["message"]
    assert response.data["productCreate"]["product"] is None
    assert not Product.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.PRODUCT_CREATED).exists()


def test_product_create_anonymous_is_a_permission_error(gql_as, people, channel):
    # given
    post = gql_as("anonymous")

    # when
    response = post(PRODUCT_CREATE, {"input": _input(people)})

    # then
    assert response.data["productCreate"] is None
    assert response.errors[0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert not Product.objects.exists()
