"""Audit rows of the enterprise domain (accounts, members, sites, operator decisions, pledges,
benefit links), in the audit log's 11000s; written inside the service's transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType


def record_enterprise_event(
    event_type: AuditEventType,
    *,
    actor: User | None,
    subject: models.Model,
    old: Any = None,
    new: Any = None,
    reason: str | None = None,
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """One audit row about an enterprise-side subject (no seller: a platform-side event)."""
    return record_audit_event(
        event_type, actor=actor, subject=subject, old=old, new=new, reason=reason, extra=extra
    )
