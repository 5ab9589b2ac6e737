"""Audit rows of designations (the audit log's 14500s), written inside the service's
transaction."""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType
from backend.designations.models import Designation


def record_designation_event(
    event_type: AuditEventType,
    designation: Designation,
    *,
    actor: User,
    old: Any = None,
    new: Any = None,
    reason: str | None = None,
) -> AuditEvent:
    """One row about a designation; a producer's designation is also filed under that seller."""
    return record_audit_event(
        event_type,
        actor=actor,
        subject=designation,
        seller=designation.producer,
        old=old,
        new=new,
        reason=reason,
        extra={
            "kind": designation.kind,
            "year": designation.year,
            "producer": designation.producer_id,
            "enterprise": designation.enterprise_id,
        },
    )
