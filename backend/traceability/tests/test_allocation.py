"""Which batch each order line came from: lines spanning batches, never more than a batch
holds or a line ordered, oldest first, replacing, tenant isolation, audit rows."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from backend.audit.models import AuditEvent, AuditEventType
from backend.checkout.tests.scenarios import listed_variant
from backend.traceability.allocation import assign_batches, assign_batches_oldest_first
from backend.traceability.errors import TraceabilityError, TraceabilityErrorCode
from backend.traceability.models import Batch, BatchAllocation
from backend.traceability.tests.scenarios import new_batch, paid_order

pytestmark = pytest.mark.django_db


def _sub_order_line(order):  # type: ignore[no-untyped-def]
    sub_order = order.sub_orders.select_related("producer").get()
    return sub_order, sub_order.lines.get()


def _allocations(line) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return [
        (a.batch.code, a.quantity)
        for a in BatchAllocation.objects.filter(order_line=line).select_related("batch")
    ]


def test_assign_batches_line_spans_two_batches_and_counts_them(
    channel, courier, people, variant
) -> None:
    # given two batches of 3 and 10 and a line of 5
    first = new_batch(people.shop, variant, quantity=3)
    second = new_batch(people.shop, variant, quantity=10)
    sub_order, line = _sub_order_line(paid_order(channel, courier, [(variant, 5)]))
    # when
    assign_batches(
        sub_order, {line.pk: [(first.pk, 3), (second.pk, 2)]}, actor=people.user("owner")
    )
    # then
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.quantity_allocated, second.quantity_allocated) == (3, 2)
    assert sorted(_allocations(line)) == sorted([(first.code, 3), (second.code, 2)])
    event = AuditEvent.objects.get(event_type=AuditEventType.BATCHES_ASSIGNED)
    assert event.actor == people.user("owner")
    assert event.seller == people.shop
    assert event.extra_data["new"] == {str(line.pk): [[first.pk, 3], [second.pk, 2]]}


def test_assign_batches_more_than_the_batch_holds_is_refused(
    channel, courier, people, variant
) -> None:
    # given a batch of 3 and a line of 5
    batch = new_batch(people.shop, variant, quantity=3)
    sub_order, line = _sub_order_line(paid_order(channel, courier, [(variant, 5)]))
    # when
    with pytest.raises(TraceabilityError) as error:
        assign_batches(sub_order, {line.pk: [(batch.pk, 4)]}, actor=None)
    # then nothing changed
    assert error.value.code == TraceabilityErrorCode.INSUFFICIENT_BATCH_QUANTITY
    batch.refresh_from_db()
    assert batch.quantity_allocated == 0
    assert not BatchAllocation.objects.exists()


def test_assign_batches_more_than_the_line_ordered_is_refused(
    channel, courier, people, variant
) -> None:
    batch = new_batch(people.shop, variant, quantity=30)
    sub_order, line = _sub_order_line(paid_order(channel, courier, [(variant, 2)]))
    with pytest.raises(TraceabilityError) as error:
        assign_batches(sub_order, {line.pk: [(batch.pk, 3)]}, actor=None)
    assert error.value.code == TraceabilityErrorCode.TOO_MANY_FOR_LINE


def test_assign_batches_of_another_product_is_refused(channel, courier, people, variant) -> None:
    other_product = listed_variant(channel, producer=people.shop)
    batch = new_batch(people.shop, other_product)
    sub_order, line = _sub_order_line(paid_order(channel, courier, [(variant, 2)]))
    with pytest.raises(TraceabilityError) as error:
        assign_batches(sub_order, {line.pk: [(batch.pk, 1)]}, actor=None)
    assert error.value.code == TraceabilityErrorCode.WRONG_PRODUCT


def test_assign_batches_of_another_seller_is_not_found(channel, courier, people, variant) -> None:
    # given a batch of the other shop (of a variant of theirs)
    other_variant = listed_variant(channel, producer=people.other_shop)
    foreign = new_batch(people.other_shop, other_variant, actor=people.user("other_seller"))
    sub_order, line = _sub_order_line(paid_order(channel, courier, [(variant, 2)]))
    # when / then: the same answer as a batch that does not exist
    for batch_id in (foreign.pk, 999_999):
        with pytest.raises(TraceabilityError) as error:
            assign_batches(sub_order, {line.pk: [(batch_id, 1)]}, actor=None)
        assert (error.value.code, error.value.field) == (TraceabilityErrorCode.NOT_FOUND, "batch")


def test_assign_batches_again_replaces_and_gives_units_back(
    channel, courier, people, variant
) -> None:
    # given 4 units assigned to the first batch
    first = new_batch(people.shop, variant, quantity=10)
    second = new_batch(people.shop, variant, quantity=10)
    sub_order, line = _sub_order_line(paid_order(channel, courier, [(variant, 4)]))
    assign_batches(sub_order, {line.pk: [(first.pk, 4)]}, actor=None)
    # when they are moved to the second
    assign_batches(sub_order, {line.pk: [(second.pk, 4)]}, actor=None)
    # then
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.quantity_allocated, second.quantity_allocated) == (0, 4)
    assert _allocations(line) == [(second.code, 4)]


def test_assign_batches_oldest_first_spans_batches_and_reports_what_is_left(
    channel, courier, people, variant
) -> None:
    # given an older batch of 2, a newer one of 3, and an order of 7
    newer = new_batch(people.shop, variant, quantity=3, made_on=date(2026, 9, 20))
    older = new_batch(people.shop, variant, quantity=2, made_on=date(2026, 9, 1))
    sub_order, line = _sub_order_line(paid_order(channel, courier, [(variant, 7)]))
    # when
    result = assign_batches_oldest_first(sub_order, actor=None)
    # then the older batch is used up first, 2 units are not covered
    assert sorted(_allocations(line)) == sorted([(older.code, 2), (newer.code, 3)])
    assert result.unassigned == {line.pk: 2}
    # and a second run, after a new batch is recorded, covers the rest only
    newest = new_batch(people.shop, variant, quantity=10, made_on=date(2026, 10, 1))
    result = assign_batches_oldest_first(sub_order, actor=None)
    assert result.unassigned == {}
    assert sorted(_allocations(line)) == sorted(
        [(older.code, 2), (newer.code, 3), (newest.code, 2)]
    )


def test_batch_constraint_refuses_more_allocated_than_held(people, variant) -> None:
    # given
    batch = new_batch(people.shop, variant, quantity=5)
    # when / then: the database refuses, whatever code path tries
    with pytest.raises(IntegrityError), transaction.atomic():
        Batch.objects.filter(pk=batch.pk).update(quantity_allocated=6)
