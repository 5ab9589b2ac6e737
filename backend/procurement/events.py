"""Audit rows of procurement, written by the services inside their transaction.

Procurement events use the 12000 range of the audit log's event types.
"""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType
from backend.procurement.models import Contract, FloorPrice, MarketPrice, ProcurementOrder

# The procurement members of the audit log's event types (12000 range).
ProcurementEventType = AuditEventType


def contract_event(
    contract: Contract,
    event_type: ProcurementEventType,
    *,
    actor: User | None,
    old: Any = None,
    new: Any = None,
    reason: str | None = None,
    **extra: Any,
) -> AuditEvent:
    return record_audit_event(
        event_type,
        actor=actor,
        subject=contract,
        seller=contract.producer,
        old=old,
        new=new,
        reason=reason,
        extra={"enterprise": contract.enterprise_id, "number": contract.number, **extra},
    )


def delivery_event(
    delivery: ProcurementOrder,
    event_type: ProcurementEventType,
    *,
    actor: User | None,
    **extra: Any,
) -> AuditEvent:
    return record_audit_event(
        event_type,
        actor=actor,
        subject=delivery,
        seller=delivery.producer,
        extra={
            "enterprise": delivery.enterprise_id,
            "contract": delivery.contract_id,
            "number": delivery.number,
            **extra,
        },
    )


def price_event(
    price: FloorPrice | MarketPrice, event_type: ProcurementEventType, *, actor: User | None
) -> AuditEvent:
    return record_audit_event(
        event_type,
        actor=actor,
        subject=price,
        new={
            "product": price.product_id,
            "grade": price.grade,
            "amount_per_kg": str(price.amount_per_kg),
        },
    )
