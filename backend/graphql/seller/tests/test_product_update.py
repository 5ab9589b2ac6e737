from __future__ import annotations

import json

import pytest

from backend.audit.models import AuditEvent, AuditEventType
from backend.catalog.tests.factories import ProductFactory
from backend.graphql.account.tokens import ACCESS, create_token
from backend.graphql.core.ids import to_global_id
from backend.graphql.seller.tests.operations import PRODUCT_UPDATE

pytestmark = pytest.mark.django_db


def test_product_update_changes_name_and_writes_audit_row(gql_as, people, shop_product):
    # given
    post = gql_as("owner")

    # when
    response = post(
        PRODUCT_UPDATE,
        {"id": to_global_id("Product", shop_product.pk), "input": {"name": "  岷县 当归 "}},
    )

    # then
    payload = response.data["productUpdate"]
    assert payload["errors"] == []
    assert payload["product"]["name"] == "岷县 当归"
    shop_product.refresh_from_db()
    assert shop_product.name == "岷县 当归"
    event = AuditEvent.objects.get(event_type=AuditEventType.PRODUCT_UPDATED)
    assert event.new == {"name": "岷县 当归"}
    assert event.actor == people.user("owner")


def test_product_update_other_shops_and_missing_product_same_not_found(gql_as, people, channel):
    # given
    theirs = ProductFactory.create(producer=people.other_shop, name="核桃")
    post = gql_as("owner")

    # when
    answers = [
        post(PRODUCT_UPDATE, {"id": to_global_id("Product", pk), "input": {"name": "新名字"}})
        for pk in (theirs.pk, theirs.pk + 1000)
    ]

    # then
    errors = [answer.data["productUpdate"]["errors"] for answer in answers]
    assert errors[0] == errors[1]
    assert [(e["field"], e["code"]) for e in errors[0]] == [("id", "NOT_FOUND")]
    theirs.refresh_from_db()
    assert theirs.name == "核桃"


def test_product_update_blank_name_required(gql_as, shop_product):
    # given
    post = gql_as("owner")

    # when
    response = post(
        PRODUCT_UPDATE, {"id": to_global_id("Product", shop_product.pk), "input": {"name": " "}}
    )

    # then
    [error] = response.data["productUpdate"]["errors"]
    assert (error["field"], error["code"]) == ("name", "REQUIRED")
    assert not AuditEvent.objects.filter(event_type=AuditEventType.PRODUCT_UPDATED).exists()


def test_product_update_variant_id_is_graphql_error(gql_as, shop_product):
    # given
    post = gql_as("owner")
    variant = shop_product.variants.get()

    # when
    response = post(
        PRODUCT_UPDATE,
        {"id": to_global_id("ProductVariant", variant.pk), "input": {"name": "新名字"}},
    )

    # then
    [error] = response.data["productUpdate"]["errors"]
    assert (error["field"], error["code"]) == ("id", "GRAPHQL_ERROR")


def test_product_update_with_bearer_token_of_helper(client, people, shop_product):
    # given
    token = create_token(people.user("helper_products"), ACCESS)
    body = {
        "query": PRODUCT_UPDATE,
        "variables": {"id": to_global_id("Product", shop_product.pk), "input": {"name": "黄芪"}},
    }

    # when
    response = client.post(
        "/graphql/",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    # then
    assert response.json()["data"]["productUpdate"]["errors"] == []
    shop_product.refresh_from_db()
    assert shop_product.name == "黄芪"
    event = AuditEvent.objects.get(event_type=AuditEventType.PRODUCT_UPDATED)
    assert event.actor == people.user("helper_products")
