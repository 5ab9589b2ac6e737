"""Audit rows of a person's own data: downloads and deletions (never the data itself)."""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.models import Producer


def personal_data_exported_event(
    user: User, *, actor: User, sections: dict[str, int]
) -> AuditEvent:
    return record_audit_event(
        AuditEventType.PERSONAL_DATA_EXPORTED,
        actor=actor,
        subject=user,
        extra={"rows": sections},
    )


def account_deleted_event(user: User, *, actor: User, counts: dict[str, Any]) -> AuditEvent:
    return record_audit_event(
        AuditEventType.ACCOUNT_DELETED, actor=actor, subject=user, extra={"erased": counts}
    )


def shop_closed_event(shop: Producer, *, actor: User) -> AuditEvent:
    """On the shop's own activity list: its owner's account was deleted, so it closed."""
    return record_audit_event(
        AuditEventType.ACCOUNT_DELETED,
        actor=actor,
        subject=shop,
        seller=shop,
        extra={"shop": "closed"},
    )


def account_deletion_requested_event(user: User) -> AuditEvent:
    return record_audit_event(AuditEventType.ACCOUNT_DELETION_REQUESTED, actor=user, subject=user)
