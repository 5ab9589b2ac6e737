"""Which batch each order line shipped from: `BatchAllocation` rows, kept consistent with every
batch's `quantity_allocated` under row locks.

An order line may span batches; a batch never gives more than it holds (checked here, and by a
CHECK constraint underneath). Batches are assigned when the parcel is packed — by the seller
in the portal, or oldest first (`assign_batches_oldest_first`, the default the portal and the
demo use) — not at checkout: the producer knows which crate the jars came from, the checkout
does not.

Both services own their transaction and lock in the order of `backend.traceability.locks`:
the sub-order's lines, then the batches involved (pk order), then the lines' allocations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.orders.models import OrderLine, OrderStatus, SubOrder
from backend.traceability import locks
from backend.traceability.errors import TraceabilityError, TraceabilityErrorCode, not_found
from backend.traceability.events import batches_assigned_event
from backend.traceability.models import Batch, BatchAllocation
from backend.warehouse import locks as warehouse_locks

# line id → [(batch id, units), ...]
Plan = dict[int, list[tuple[int, int]]]
NOT_ASSIGNABLE = (OrderStatus.CANCELLED, OrderStatus.UNCONFIRMED)


@dataclass(frozen=True)
class AssignmentResult:
    allocations: list[BatchAllocation]
    unassigned: dict[int, int]  # line id → units no batch could cover


def _check_sub_order(sub_order: SubOrder) -> None:
    if sub_order.status in NOT_ASSIGNABLE:
        raise TraceabilityError(
            TraceabilityErrorCode.INVALID,
            _("Batches can be recorded only for orders that are paid and not cancelled."),
            field="sub_order",
        )


def _normalised_plan(requested: Mapping[int, Sequence[tuple[int, int]]]) -> Plan:
    plan: Plan = {}
    for line_id, parts in requested.items():
        units: dict[int, int] = defaultdict(int)
        for batch_id, quantity in parts:
            if quantity < 0:
                raise TraceabilityError(
                    TraceabilityErrorCode.INVALID, _("Enter 0 or more."), field=f"line-{line_id}"
                )
            if quantity:
                units[batch_id] += quantity
        plan[line_id] = sorted(units.items())
    return plan


def _lines_of(sub_order: SubOrder, line_ids: Sequence[int]) -> dict[int, OrderLine]:
    lines = {line.pk: line for line in warehouse_locks.lock_order_lines([sub_order.pk])}
    missing = [pk for pk in line_ids if pk not in lines]
    if missing:
        raise not_found("lines")
    return lines


def _apply(
    sub_order: SubOrder,
    lines: dict[int, OrderLine],
    plan: Plan,
    *,
    actor: User | None,
) -> list[BatchAllocation]:
    """Replace the allocations of the plan's lines (lines are locked by the caller)."""
    existing = list(BatchAllocation.objects.filter(order_line_id__in=sorted(plan)).order_by("pk"))
    wanted_ids = {batch_id for parts in plan.values() for batch_id, _q in parts}
    batch_ids = wanted_ids | {a.batch_id for a in existing}
    batches = {b.pk: b for b in locks.lock_batches(batch_ids, seller_id=sub_order.producer_id)}
    if wanted_ids - set(batches):
        raise not_found("batch")
    existing = locks.lock_batch_allocations_for_lines(sorted(plan))
    delta: dict[int, int] = defaultdict(int)
    for allocation in existing:
        delta[allocation.batch_id] -= allocation.quantity
    for line_id, parts in plan.items():
        line = lines[line_id]
        if sum(q for _b, q in parts) > line.quantity:
            raise TraceabilityError(
                TraceabilityErrorCode.TOO_MANY_FOR_LINE,
                _("%(product)s: the batches add up to more than the %(quantity)s ordered."),
                field=f"line-{line_id}",
                params={"product": line.product_name, "quantity": line.quantity},
            )
        for batch_id, quantity in parts:
            if batches[batch_id].variant_id != line.variant_id:
                raise TraceabilityError(
                    TraceabilityErrorCode.WRONG_PRODUCT,
                    _("Batch %(code)s is not of %(product)s."),
                    field=f"line-{line_id}",
                    params={"code": batches[batch_id].code, "product": line.product_name},
                )
            delta[batch_id] += quantity
    for batch_id, change in delta.items():
        batch = batches[batch_id]
        if batch.quantity_allocated + change > batch.quantity:
            raise TraceabilityError(
                TraceabilityErrorCode.INSUFFICIENT_BATCH_QUANTITY,
                _("Batch %(code)s has only %(left)s left."),
                field="batch",
                params={"code": batch.code, "left": batch.quantity_left},
            )
    old = {str(a.order_line_id): [a.batch_id, a.quantity] for a in existing}
    BatchAllocation.objects.filter(pk__in=[a.pk for a in existing]).delete()
    created = BatchAllocation.objects.bulk_create(
        [
            BatchAllocation(batch_id=batch_id, order_line_id=line_id, quantity=quantity)
            for line_id, parts in sorted(plan.items())
            for batch_id, quantity in parts
        ]
    )
    changed = {pk: q for pk, q in delta.items() if q}
    if changed:
        Batch.objects.filter(pk__in=sorted(changed)).update(
            quantity_allocated=F("quantity_allocated")
            + Case(
                *[When(pk=pk, then=Value(q)) for pk, q in changed.items()],
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    new = {str(line_id): [list(p) for p in parts] for line_id, parts in sorted(plan.items())}
    batches_assigned_event(sub_order, actor=actor, old=old, new=new)
    return created


def assign_batches(
    sub_order: SubOrder,
    requested: Mapping[int, Sequence[tuple[int, int]]],
    *,
    actor: User | None,
) -> list[BatchAllocation]:
    """Set which batches the given lines came from (line id → [(batch id, units)]); lines not
    mentioned keep theirs. Raises `TraceabilityError` and changes nothing on any problem."""
    _check_sub_order(sub_order)
    plan = _normalised_plan(requested)
    with transaction.atomic(durable=True):
        lines = _lines_of(sub_order, sorted(plan))
        return _apply(sub_order, lines, plan, actor=actor)


def _oldest_first_plan(lines: dict[int, OrderLine], seller_id: int) -> tuple[Plan, dict[int, int]]:
    assigned: dict[int, int] = defaultdict(int)
    current: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for allocation in BatchAllocation.objects.filter(order_line_id__in=sorted(lines)):
        assigned[allocation.order_line_id] += allocation.quantity
        current[allocation.order_line_id].append((allocation.batch_id, allocation.quantity))
    wanting = {pk: line for pk, line in lines.items() if line.quantity > assigned[pk]}
    candidates = [
        b.pk
        for b in Batch.objects.filter(
            seller_id=seller_id,
            variant_id__in={line.variant_id for line in wanting.values()},
            quantity_allocated__lt=F("quantity"),
        ).only("pk")
    ]
    # Lock every batch the plan may touch at once (pk order): the plan is made from values no
    # one else can change now, and `_apply` re-locks only rows already held.
    current_ids = {batch_id for parts in current.values() for batch_id, _q in parts}
    locked = locks.lock_batches(set(candidates) | current_ids, seller_id=seller_id)
    left = {b.pk: b for b in locked if b.pk in set(candidates)}
    by_variant: dict[int, list[Batch]] = defaultdict(list)
    for batch in sorted(left.values(), key=lambda b: (b.made_on, b.pk)):
        by_variant[batch.variant_id].append(batch)
    remaining = {pk: b.quantity_left for pk, b in left.items()}
    plan: Plan = {}
    short: dict[int, int] = {}
    for pk, line in sorted(wanting.items()):
        need = line.quantity - assigned[pk]
        parts = dict(current[pk])
        for batch in by_variant.get(line.variant_id or 0, []):
            take = min(need, remaining[batch.pk])
            if take <= 0:
                continue
            parts[batch.pk] = parts.get(batch.pk, 0) + take
            remaining[batch.pk] -= take
            need -= take
            if not need:
                break
        if need:
            short[pk] = need
        if parts != dict(current[pk]):
            plan[pk] = sorted(parts.items())
    return plan, short


def assign_batches_oldest_first(sub_order: SubOrder, *, actor: User | None) -> AssignmentResult:
    """Cover what is not yet assigned on each line from the oldest batches of its product that
    have units left (first in, first out). What no batch covers is reported, not refused."""
    _check_sub_order(sub_order)
    with transaction.atomic(durable=True):
        lines = _lines_of(sub_order, [])
        plan, short = _oldest_first_plan(lines, sub_order.producer_id)
        created = _apply(sub_order, lines, plan, actor=actor) if plan else []
    return AssignmentResult(allocations=created, unassigned=short)
