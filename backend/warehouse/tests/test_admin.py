from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.catalog.models import Channel
from backend.catalog.tests.factories import ProductFactory, WarehouseFactory, list_product
from backend.warehouse.models import Stock

pytestmark = pytest.mark.django_db

STOCK = reverse("admin:warehouse_stock_changelist")
WAREHOUSES = reverse("admin:warehouse_warehouse_changelist")


def test_stock_changelist_query_count_does_not_grow_with_rows(admin_client, channel: Channel):
    # given
    list_product(ProductFactory.create(), channel)
    admin_client.get(STOCK)
    with CaptureQueriesContext(connection) as one_row:
        admin_client.get(STOCK)
    for _ in range(9):
        list_product(ProductFactory.create(), channel, prices=[Decimal("1.00"), Decimal("2.00")])
    # when
    with CaptureQueriesContext(connection) as many_rows:
        response = admin_client.get(STOCK)
    # then
    assert len(response.context["cl"].result_list) == 19
    assert len(many_rows) == len(one_row), "\n".join(q["sql"] for q in many_rows)


def test_stock_changelist_search_by_sku_and_shows_available(admin_client, channel: Channel):
    # given
    variant = list_product(ProductFactory.create(name="元阳红米"), channel, stock=9)[0]
    Stock.objects.filter(product_variant=variant).update(quantity_allocated=4)
    list_product(ProductFactory.create(), channel)
    # when
    response = admin_client.get(STOCK, {"q": variant.sku})
    # then
    rows = list(response.context["cl"].result_list)
    assert [row.product_variant_id for row in rows] == [variant.pk]
    assert rows[0].quantity_available == 5


def test_warehouse_changelist_filters_cold_storage(admin_client):
    # given
    WarehouseFactory.create(name="冷库", is_cold_chain=True)
    WarehouseFactory.create(name="常温仓", is_cold_chain=False)
    # when
    response = admin_client.get(WAREHOUSES, {"is_cold_chain__exact": "1"})
    # then
    assert [w.name for w in response.context["cl"].result_list] == ["冷库"]
