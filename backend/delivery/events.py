"""Audit rows for delivery, written by the services inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType
from backend.delivery.models import DeliveryUpdate
from backend.producers.models import Producer


def delivery_update_recorded_event(
    update: DeliveryUpdate, *, actor: User | None, seller: Producer, on_behalf_of: User | None
) -> AuditEvent:
    return record_audit_event(
        AuditEventType.DELIVERY_UPDATE_RECORDED,
        actor=actor,
        subject=update.sub_order,
        seller=seller,
        on_behalf_of=on_behalf_of,
        new=update.status,
        extra={
            "delivery_update": update.pk,
            "pickup_point": update.pickup_point_id,
            "note": update.note,
        },
    )


def operator_saved_event(
    event_type: AuditEventType,
    subject: models.Model,
    *,
    actor: User | None,
    old: dict[str, Any] | None,
    new: dict[str, Any],
) -> AuditEvent:
    return record_audit_event(event_type, actor=actor, subject=subject, old=old, new=new)
