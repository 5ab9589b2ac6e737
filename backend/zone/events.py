"""Audit rows of the zone: campaign price consents and campaign prices."""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.models import Producer
from backend.zone.models import Campaign


def record_campaign_event(
    event_type: AuditEventType,
    campaign: Campaign,
    *,
    actor: User | None,
    seller: Producer | None,
    old: Any = None,
    new: Any = None,
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    return record_audit_event(
        event_type, actor=actor, subject=campaign, seller=seller, old=old, new=new, extra=extra
    )
