"""Real transactions in real threads on PostgreSQL: nothing is oversold and opposite line orders
do not deadlock. Each thread uses its own database connection and closes it.

`available_apps` keeps the flush after each test to these apps' tables, so the official
regions loaded once per session survive for the tests that run after these.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings

from backend.catalog.models import ProductVariant
from backend.checkout.details import (
    update_checkout_delivery_method,
    update_checkout_shipping_address,
)
from backend.checkout.lines import LineInput, create_checkout
from backend.checkout.tests.factories import shipping_address
from backend.checkout.tests.scenarios import listed_variant, make_courier, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.models import Order
from backend.warehouse.errors import InsufficientStock
from backend.warehouse.models import Stock
from tests.transactional import APPS_EXCEPT_REGIONS

AVAILABLE_APPS = APPS_EXCEPT_REGIONS
real_transactions = pytest.mark.django_db(transaction=True, available_apps=AVAILABLE_APPS)
BANK = "offline.bank_transfer"


def run_in_threads(jobs: list[Callable[[], Any]]) -> list[tuple[str, Any]]:
    """Start every job at the same moment (a barrier); return ("ok", result) or ("error", exc)."""
    barrier = threading.Barrier(len(jobs))
    results: list[tuple[str, Any]] = [("missing", None)] * len(jobs)

    def worker(index: int, job: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = ("ok", job())
        except Exception as exc:
            results[index] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def buy(variants: list[ProductVariant], method_id: int) -> Callable[[], Order]:
    """The whole purchase, as one buyer does it: cart, address, delivery, complete."""

    def job() -> Order:
        channel = variants[0].channel_listings.get().channel
        checkout = create_checkout(
            channel=channel,
            actor=None,
            email="racer@example.test",
            lines=[LineInput(v.pk, 1) for v in variants],
        )
        update_checkout_shipping_address(checkout, **shipping_address(), actor=None)
        update_checkout_delivery_method(checkout, method_id, actor=None)
        return complete_checkout(checkout, actor=None, gateway=BANK)

    return job


def errors_of(results: list[tuple[str, Any]]) -> list[Any]:
    return [value for kind, value in results if kind == "error"]


@real_transactions
def test_twenty_buyers_racing_for_five_units_exactly_five_orders(channel):
    # given
    courier = make_courier()
    variant = listed_variant(channel, stock=5)

    # when
    results = run_in_threads([buy([variant], courier.pk) for _ in range(20)])

    # then
    errors = errors_of(results)
    assert len(errors) == 15
    assert all(isinstance(e, InsufficientStock) for e in errors), errors
    assert all(e.shortfalls[0].variant_id == variant.pk for e in errors)
    assert Order.objects.count() == 5
    stock = Stock.objects.get(product_variant=variant)
    assert (stock.quantity, stock.quantity_allocated) == (5, 5)


@real_transactions
@override_settings(CHECKOUT_RESERVATION_MINUTES=0)
def test_twenty_ready_checkouts_completed_at_once_five_orders_fifteen_out_of_stock(channel):
    # given
    courier = make_courier()
    variant = listed_variant(channel, stock=5)
    checkouts = [ready_checkout(channel, [(variant, 1)], method=courier) for _ in range(20)]

    # when
    results = run_in_threads(
        [
            (lambda c=c: complete_checkout(c, actor=None, gateway=BANK))  # type: ignore[misc]
            for c in checkouts
        ]
    )

    # then
    errors = errors_of(results)
    assert len(errors) == 15
    assert all(isinstance(e, InsufficientStock) for e in errors), errors
    assert [(s.requested, s.available) for e in errors for s in e.shortfalls] == [(1, 0)] * 15
    assert Order.objects.count() == 5
    stock = Stock.objects.get(product_variant=variant)
    assert stock.quantity_allocated == stock.quantity == 5


@real_transactions
def test_buyers_with_opposite_line_orders_do_not_deadlock(channel):
    # given
    courier = make_courier()
    first = listed_variant(channel, stock=50)
    second = listed_variant(channel, stock=50)
    jobs = [buy([first, second] if i % 2 == 0 else [second, first], courier.pk) for i in range(10)]

    # when
    results = run_in_threads(jobs)

    # then
    assert errors_of(results) == []
    assert Order.objects.count() == 10
    assert sorted(
        Stock.objects.filter(product_variant__in=[first, second]).values_list(
            "quantity_allocated", flat=True
        )
    ) == [10, 10]


@real_transactions
def test_same_checkout_completed_twice_at_once_one_order(channel):
    # given
    courier = make_courier()
    variant = listed_variant(channel, stock=5)
    checkout = ready_checkout(channel, [(variant, 2)], method=courier)

    # when
    results = run_in_threads(
        [lambda: complete_checkout(checkout, actor=None, gateway=BANK) for _ in range(4)]
    )

    # then
    assert errors_of(results) == []
    assert len({order.pk for _kind, order in results}) == 1
    assert Order.objects.count() == 1
    assert Stock.objects.get(product_variant=variant).quantity_allocated == 2
