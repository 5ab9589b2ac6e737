"""Audit rows of programme records, written inside the service's transaction.

Identity numbers never enter the audit log: a changed number is recorded as changed, masked.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.models import Producer

SENSITIVE_FIELDS = frozenset({"registration_number", "disability_certificate_number"})
_MASK = "***"


def audit_value(value: Any) -> Any:
    """A JSON-safe value for the audit log (foreign keys as ids, money as text)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def field_values(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        raw = getattr(instance, field.attname)  # type: ignore[union-attr]
        values[name] = (_MASK if raw else "") if name in SENSITIVE_FIELDS else audit_value(raw)
    return values


def programme_event(
    event_type: AuditEventType,
    subject: models.Model,
    *,
    actor: User | None,
    seller: Producer | None = None,
    old: Any = None,
    new: Any = None,
    reason: str | None = None,
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    return record_audit_event(
        event_type,
        actor=actor,
        subject=subject,
        seller=seller,
        old=old,
        new=new,
        reason=reason,
        extra=extra,
    )
