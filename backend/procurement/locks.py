"""Every row lock of procurement: the only module here that calls `select_for_update()`.

Global lock order, extending the warehouse's (`backend/warehouse/locks.py`):

    contract (the aggregate root of a direct-sourcing agreement)
      → its lines
      → procurement orders (deliveries), ascending pk
      → procurement order lines
      → then the ordinary order chain: order → sub-orders → order lines → stock → allocations

Within one table rows are locked in ascending primary key. `of=("self",)` keeps joined rows
unlocked; `no_key=True` because no key column changes and no locked row is deleted.
Helpers must be called inside the service's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from backend.procurement.models import (
    Contract,
    ContractLine,
    ProcurementOrder,
    ProcurementOrderLine,
)


def lock_contract(contract_id: int) -> Contract:
    """Raises Contract.DoesNotExist."""
    return (
        Contract.objects.select_related("enterprise", "producer")
        .select_for_update(of=("self",), no_key=True)
        .get(pk=contract_id)
    )


def lock_contract_lines(contract_id: int) -> list[ContractLine]:
    return list(
        ContractLine.objects.filter(contract_id=contract_id)
        .select_related("variant", "variant__product", "variant__product__product_type")
        .order_by("pk")
        .select_for_update(of=("self",), no_key=True)
    )


def lock_procurement_order(procurement_order_id: int) -> ProcurementOrder:
    """Raises ProcurementOrder.DoesNotExist."""
    return (
        ProcurementOrder.objects.select_related("enterprise", "producer")
        .select_for_update(of=("self",), no_key=True)
        .get(pk=procurement_order_id)
    )


def lock_procurement_lines(procurement_order_ids: Iterable[int]) -> list[ProcurementOrderLine]:
    return list(
        ProcurementOrderLine.objects.filter(
            procurement_order_id__in=sorted(set(procurement_order_ids))
        )
        .order_by("pk")
        .select_for_update(of=("self",), no_key=True)
    )
