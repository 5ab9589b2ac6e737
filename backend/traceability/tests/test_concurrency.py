"""Two packers assigning the same batch at the same moment: the row locks let the batch give
out exactly what it holds. Real transactions in real threads on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from backend.checkout.tests.scenarios import listed_variant, make_courier
from backend.sellers.tests.scenarios import build_people
from backend.traceability.allocation import AssignmentResult, assign_batches_oldest_first
from backend.traceability.models import BatchAllocation
from backend.traceability.tests.scenarios import new_batch, paid_order

# Flush only these apps' tables after the test, so the regions loaded once per session survive.
AVAILABLE_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "backend.accounts",
    "backend.producers",
    "backend.audit",
    "backend.sellers",
    "backend.catalog",
    "backend.warehouse",
    "backend.checkout",
    "backend.orders",
    "backend.payments",
    "backend.zone",
    "backend.delivery",
    "backend.traceability",
]
pytestmark = pytest.mark.django_db(transaction=True, available_apps=AVAILABLE_APPS)


def _race(*calls: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except Exception as exc:  # a deadlock or constraint error would be the result
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_concurrent_oldest_first_never_overshoots_a_batch(channel) -> None:
    # given one batch of 4 and two orders of 3 (each also of a second product, whose batch
    # comes first by primary key for one order and last for the other)
    people = build_people()
    courier = make_courier()
    first = listed_variant(channel, producer=people.shop, stock=50)
    second = listed_variant(channel, producer=people.shop, stock=50)
    batch = new_batch(people.shop, first, quantity=4)
    new_batch(people.shop, second, quantity=100)
    orders = [
        paid_order(channel, courier, [(first, 3), (second, 1)]),
        paid_order(channel, courier, [(second, 1), (first, 3)]),
    ]
    sub_orders = [order.sub_orders.select_related("producer").get() for order in orders]
    # when
    results = _race(*[lambda s=s: assign_batches_oldest_first(s, actor=None) for s in sub_orders])
    # then both finished, and between them they took exactly the 4 units the batch holds
    assert all(isinstance(r, AssignmentResult) for r in results), results
    batch.refresh_from_db()
    assert batch.quantity_allocated == 4
    taken = sum(a.quantity for a in BatchAllocation.objects.filter(batch=batch))
    assert taken == 4
    assert sorted(sum(r.unassigned.values()) for r in results) == [0, 2]
