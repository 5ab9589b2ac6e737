"""Audit rows of procurement, written by the services inside their transaction.

Procurement events use the 12000 range of the audit log's event types. Until `AuditEventType`
lists them (a change in the audit app), the values are stored as they are and the admin shows
the number; `ProcurementEventType` names them here.
"""

from __future__ import annotations

from typing import Any, cast

from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType
from backend.procurement.models import Contract, FloorPrice, MarketPrice, ProcurementOrder


class ProcurementEventType(models.IntegerChoices):
    CONTRACT_CREATED = 12001, _("contract created")
    CONTRACT_PROPOSED = 12002, _("contract proposed")
    CONTRACT_SIGNED = 12003, _("contract signed")
    CONTRACT_ACTIVATED = 12004, _("contract activated")
    CONTRACT_COMPLETED = 12005, _("contract completed")
    CONTRACT_TERMINATED = 12006, _("contract terminated")
    DELIVERY_SCHEDULED = 12101, _("contract delivery scheduled")
    DELIVERY_ACCEPTED = 12102, _("contract delivery checked")
    DELIVERY_CANCELLED = 12103, _("contract delivery cancelled")
    FLOOR_PRICE_SET = 12201, _("floor price set")
    MARKET_PRICE_RECORDED = 12202, _("market price recorded")


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
        cast(AuditEventType, event_type),
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
        cast(AuditEventType, event_type),
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
        cast(AuditEventType, event_type),
        actor=actor,
        subject=price,
        new={
            "product": price.product_id,
            "grade": price.grade,
            "amount_per_kg": str(price.amount_per_kg),
        },
    )
