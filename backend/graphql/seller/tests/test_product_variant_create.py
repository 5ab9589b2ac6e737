from __future__ import annotations

from typing import Any

import pytest

from backend.audit.models import AuditEvent, AuditEventType
from backend.catalog.tests.factories import WarehouseFactory
from backend.graphql.core.ids import to_global_id
from backend.graphql.seller.tests.operations import PRODUCT_VARIANT_CREATE
from backend.warehouse.models import Stock

pytestmark = pytest.mark.django_db


def _input(product: Any, **extra: Any) -> dict[str, Any]:
    values = {
        "product": to_global_id("Product", product.pk),
        "name": "1千克",
        "price": "48.00",
        "stocks": [{"quantity": 7}],
        "weight": 1000,
    }
    values.update(extra)
    return values


def test_product_variant_create_adds_priced_variant_with_stock_and_audit_row(
    gql_as, people, shop_product
):
    # given
    post = gql_as("helper_all")
    warehouse = shop_product.producer.warehouses.get()

    # when
    response = post(
        PRODUCT_VARIANT_CREATE,
        {
            "input": _input(
                shop_product,
                stocks=[{"warehouse": to_global_id("Warehouse", warehouse.pk), "quantity": 7}],
            )
        },
    )

    # then
    payload = response.data["productVariantCreate"]
    assert payload["errors"] == []
    variant = shop_product.variants.get(name="1千克")
    assert payload["productVariant"]["id"] == to_global_id("ProductVariant", variant.pk)
    assert Stock.objects.get(product_variant=variant).quantity == 7
    assert str(variant.channel_listings.get().price_amount) == "48.00"
    event = AuditEvent.objects.get(event_type=AuditEventType.PRODUCT_UPDATED)
    assert event.new["variant_added"] == variant.pk
    assert event.actor == people.user("helper_all")


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"name": " "}, "name", "REQUIRED"),
        ({"price": "-1"}, "price", "INVALID_PRICE"),
        ({"stocks": [{"quantity": -5}]}, "stocks", "INVALID"),
        ({"weight": 0}, "weight", "INVALID"),
        ({"stocks": [{"quantity": 1}, {"quantity": 2}]}, "stocks", "INVALID"),
    ],
)
def test_product_variant_create_bad_input_reports_error(gql_as, shop_product, extra, field, code):
    # given
    post = gql_as("owner")

    # when
    response = post(PRODUCT_VARIANT_CREATE, {"input": _input(shop_product, **extra)})

    # then
    [error] = response.data["productVariantCreate"]["errors"]
    assert (error["field"], error["code"]) == (field, code)
    assert shop_product.variants.count() == 1


def test_product_variant_create_other_shops_warehouse_not_found(gql_as, people, shop_product):
    # given
    theirs = WarehouseFactory.create(producer=people.other_shop)
    post = gql_as("owner")

    # when
    response = post(
        PRODUCT_VARIANT_CREATE,
        {
            "input": _input(
                shop_product,
                stocks=[{"warehouse": to_global_id("Warehouse", theirs.pk), "quantity": 3}],
            )
        },
    )

    # then
    [error] = response.data["productVariantCreate"]["errors"]
    assert (error["field"], error["code"]) == ("warehouse", "NOT_FOUND")
    assert shop_product.variants.count() == 1
