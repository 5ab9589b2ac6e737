"""Audit rows for catalogue changes made by sellers and their helpers."""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType
from backend.catalog.models import Product


def record_product_event(
    event_type: AuditEventType,
    product: Product,
    *,
    actor: User | None,
    old: Any = None,
    new: Any = None,
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """One audit row about a product. When someone other than the shop's owner acted (a
    helper), the row says on whose behalf."""
    producer = product.producer
    owner = producer.owner if producer.owner_id else None
    return record_audit_event(
        event_type,
        actor=actor,
        subject=product,
        seller=producer,
        on_behalf_of=owner,
        old=old,
        new=new,
        extra=extra,
    )
