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


ALLOCATIONS = reverse("admin:warehouse_allocation_changelist")
RESERVATIONS = reverse("admin:warehouse_reservation_changelist")


def test_allocation_list_shows_each_order_line_hold_searchable_by_order(
    admin_client, channel: Channel
):
    # given two orders holding stock
    from backend.checkout.tests.scenarios import listed_variant, make_courier, ready_checkout
    from backend.orders.complete_checkout import complete_checkout

    courier = make_courier()
    orders = [
        complete_checkout(
            ready_checkout(channel, [(listed_variant(channel), 2)], method=courier),
            actor=None,
            gateway="offline.bank_transfer",
        )
        for _ in range(2)
    ]

    # when
    listing = admin_client.get(ALLOCATIONS)
    found = admin_client.get(ALLOCATIONS, {"q": str(orders[1].pk)})

    # then
    assert listing.status_code == 200
    assert len(listing.context["cl"].result_list) == 2
    rows = list(found.context["cl"].result_list)
    assert [(r.order_line.order_id, r.quantity_allocated) for r in rows] == [(orders[1].pk, 2)]
    change = admin_client.get(reverse("admin:warehouse_allocation_change", args=[rows[0].pk]))
    assert change.status_code == 200


def test_reservation_list_filters_holding_and_lapsed(admin_client, channel: Channel):
    # given a checkout holding stock and one whose hold lapsed
    from datetime import timedelta

    from django.utils import timezone

    from backend.checkout.lines import LineInput, create_checkout
    from backend.checkout.tests.scenarios import listed_variant
    from backend.warehouse.models import Reservation

    holding, lapsed = (
        create_checkout(
            channel=channel, actor=None, lines=[LineInput(listed_variant(channel).pk, 1)]
        )
        for _ in range(2)
    )
    Reservation.objects.filter(checkout_line__checkout=lapsed).update(
        reserved_until=timezone.now() - timedelta(minutes=1)
    )

    # when
    def listed(**params: str) -> list[object]:
        response = admin_client.get(RESERVATIONS, params)
        assert response.status_code == 200
        return [r.checkout_line.checkout_id for r in response.context["cl"].result_list]

    # then
    assert listed(active="yes") == [holding.pk]
    assert listed(active="no") == [lapsed.pk]
    assert sorted(map(str, listed())) == sorted([str(holding.pk), str(lapsed.pk)])
