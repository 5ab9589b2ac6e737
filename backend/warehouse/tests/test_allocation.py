from __future__ import annotations

from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from backend.checkout.tests.scenarios import listed_variant, new_warehouse
from backend.warehouse.allocation import allocate_stocks, deallocate_stock, decrease_stock
from backend.warehouse.availability import StockRequest
from backend.warehouse.errors import InsufficientStock
from backend.warehouse.models import Allocation, Stock


@pytest.fixture
def order_lines(channel, courier):  # type: ignore[no-untyped-def]
    """Two real order lines (allocation rows point at order lines)."""
    from backend.checkout.tests.scenarios import ready_checkout
    from backend.orders.complete_checkout import complete_checkout

    a, b = listed_variant(channel, stock=10), listed_variant(channel, stock=10)
    order = complete_checkout(
        ready_checkout(channel, [(a, 1), (b, 1)], method=courier),
        actor=None,
        gateway="offline.bank_transfer",
    )
    deallocate_stock(list(order.lines.values_list("pk", flat=True)))
    return {line.variant_id: line for line in order.lines.all()}


def stock_of(variant) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    return list(
        Stock.objects.filter(product_variant=variant)
        .order_by("pk")
        .values_list("quantity", "quantity_allocated")
    )


def test_allocate_stocks_spreads_over_warehouses_in_order(channel, order_lines):
    # given
    line = next(iter(order_lines.values()))
    variant = line.variant
    Stock.objects.filter(product_variant=variant).update(quantity=2)
    second = new_warehouse(producer=variant.product.producer)
    Stock.objects.create(warehouse=second, product_variant=variant, quantity=5)

    # when
    allocations = allocate_stocks([StockRequest(line.pk, variant.pk, 4)])

    # then
    assert sorted(a.quantity_allocated for a in allocations) == [2, 2]
    assert stock_of(variant) == [(2, 2), (5, 2)]


def test_allocate_stocks_several_short_lines_one_error_and_nothing_written(order_lines):
    # given
    (line_a, line_b) = order_lines.values()

    # when
    with pytest.raises(InsufficientStock) as exc:
        allocate_stocks(
            [
                StockRequest(line_a.pk, line_a.variant_id, 11),
                StockRequest(line_b.pk, line_b.variant_id, 12),
            ]
        )

    # then
    assert [(s.requested, s.available) for s in exc.value.shortfalls] == [(11, 10), (12, 10)]
    assert not Allocation.objects.exists()
    assert stock_of(line_a.variant) == [(10, 0)]


def test_deallocate_stock_gives_back_allocated_units(order_lines):
    # given
    line = next(iter(order_lines.values()))
    allocate_stocks([StockRequest(line.pk, line.variant_id, 3)])

    # when
    released = deallocate_stock([line.pk])

    # then
    assert released == 3
    assert stock_of(line.variant) == [(10, 0)]
    assert not Allocation.objects.filter(order_line=line).exists()


def test_decrease_stock_ships_from_allocation_and_hand(order_lines):
    # given
    line = next(iter(order_lines.values()))
    allocate_stocks([StockRequest(line.pk, line.variant_id, 3)])

    # when
    decrease_stock([StockRequest(line.pk, line.variant_id, 2)])

    # then
    assert stock_of(line.variant) == [(8, 1)]
    assert Allocation.objects.get(order_line=line).quantity_allocated == 1


def test_decrease_stock_more_than_allocated_refused(order_lines):
    # given
    line = next(iter(order_lines.values()))
    allocate_stocks([StockRequest(line.pk, line.variant_id, 1)])

    # when
    with pytest.raises(InsufficientStock) as exc:
        decrease_stock([StockRequest(line.pk, line.variant_id, 2)])

    # then
    assert exc.value.shortfalls[0].available == 1
    assert stock_of(line.variant) == [(10, 1)]


def test_stock_check_constraint_refuses_allocating_beyond_hand(order_lines):
    # given
    line = next(iter(order_lines.values()))

    # when
    with pytest.raises(IntegrityError), transaction.atomic():
        Stock.objects.filter(product_variant_id=line.variant_id).update(
            quantity_allocated=F("quantity") + 1
        )

    # then
    assert stock_of(line.variant) == [(10, 0)]


def test_select_for_update_only_called_in_locks_modules():
    # given
    backend = Path(__file__).resolve().parents[2]

    # when
    callers = [
        path.relative_to(backend).as_posix()
        for path in backend.rglob("*.py")
        if "select_for_update(" in path.read_text(encoding="utf-8")
        and "/tests/" not in path.as_posix()
    ]

    # then: each domain locks its rows in its own locks.py, nowhere else
    assert callers
    assert [path for path in callers if not path.endswith("/locks.py")] == []
