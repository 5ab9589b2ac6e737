from __future__ import annotations

import pytest

from backend.audit.models import AuditEvent, AuditEventType
from backend.graphql.core.ids import to_global_id
from backend.graphql.seller.tests.operations import PRODUCT_VARIANT_STOCKS_UPDATE
from backend.warehouse.models import Stock

pytestmark = pytest.mark.django_db


def test_product_variant_stocks_update_sets_quantity_with_audit_row(gql_as, people, shop_product):
    # given
    variant = shop_product.variants.get()
    post = gql_as("helper_products")

    # when
    response = post(
        PRODUCT_VARIANT_STOCKS_UPDATE,
        {"variantId": to_global_id("ProductVariant", variant.pk), "stocks": [{"quantity": 3}]},
    )

    # then
    assert response.data["productVariantStocksUpdate"]["errors"] == []
    assert Stock.objects.get(product_variant=variant).quantity == 3
    event = AuditEvent.objects.get(event_type=AuditEventType.PRODUCT_STOCK_CHANGED)
    assert event.new == {"variant": variant.pk, "quantity": 3}
    assert event.actor == people.user("helper_products")


def test_product_variant_stocks_update_below_allocated_is_invalid(gql_as, shop_product):
    # given
    variant = shop_product.variants.get()
    Stock.objects.filter(product_variant=variant).update(quantity=10, quantity_allocated=4)
    post = gql_as("owner")

    # when
    response = post(
        PRODUCT_VARIANT_STOCKS_UPDATE,
        {"variantId": to_global_id("ProductVariant", variant.pk), "stocks": [{"quantity": 2}]},
    )

    # then
    [error] = response.data["productVariantStocksUpdate"]["errors"]
    assert (error["field"], error["code"]) == ("quantity", "INVALID")
    assert "4" in error["message"]
    assert Stock.objects.get(product_variant=variant).quantity == 10


def test_product_variant_stocks_update_no_stocks_required(gql_as, shop_product):
    # given
    variant = shop_product.variants.get()
    post = gql_as("owner")

    # when
    response = post(
        PRODUCT_VARIANT_STOCKS_UPDATE,
        {"variantId": to_global_id("ProductVariant", variant.pk), "stocks": []},
    )

    # then
    [error] = response.data["productVariantStocksUpdate"]["errors"]
    assert (error["field"], error["code"]) == ("stocks", "REQUIRED")


def test_product_variant_stocks_update_missing_variant_not_found(gql_as, shop_product):
    # given
    post = gql_as("owner")

    # when
    response = post(
        PRODUCT_VARIANT_STOCKS_UPDATE,
        {"variantId": to_global_id("ProductVariant", 999999), "stocks": [{"quantity": 2}]},
    )

    # then
    [error] = response.data["productVariantStocksUpdate"]["errors"]
    assert (error["field"], error["code"]) == ("variantId", "NOT_FOUND")
