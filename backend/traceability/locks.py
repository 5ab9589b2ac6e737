"""Row locks of traceability: the only place here that calls `select_for_update()`.

Order, after `backend.warehouse.locks` (order → sub-orders → order lines → stock → allocations):

    order lines (through `backend.warehouse.locks.lock_order_lines`)
      → batches, ascending primary key
      → batch allocations, ascending primary key

A batch's `quantity_allocated` only changes while its row is locked, and an order line's
allocations only while the line is locked, so two sellers' packers (or a packer and the
automatic oldest-first assignment) queue instead of overshooting a batch.
"""

from __future__ import annotations

from collections.abc import Iterable

from backend.traceability.models import Batch, BatchAllocation


def lock_batches(batch_ids: Iterable[int], *, seller_id: int) -> list[Batch]:
    """The seller's batches among `batch_ids` (others are simply absent), in pk order."""
    return list(
        Batch.objects.filter(pk__in=sorted(set(batch_ids)), seller_id=seller_id)
        .order_by("pk")
        .select_for_update(of=("self",), no_key=True)
    )


def lock_batch(batch_id: int, *, seller_id: int) -> Batch:
    """Raises Batch.DoesNotExist (also for another seller's batch)."""
    return (
        Batch.objects.filter(seller_id=seller_id)
        .select_related("variant__product", "seller")
        .select_for_update(of=("self",), no_key=True)
        .get(pk=batch_id)
    )


def lock_batch_allocations_for_lines(order_line_ids: Iterable[int]) -> list[BatchAllocation]:
    """Allocations of these lines (they may be deleted), after the batches."""
    return list(
        BatchAllocation.objects.filter(order_line_id__in=sorted(set(order_line_ids)))
        .order_by("pk")
        .select_for_update(of=("self",))
    )
