"""The writer every domain's `events.py` builds on.

Call it from a service, inside the transaction that makes the change (Zulip's pattern), so the
row and the change commit or roll back together. Outside a transaction it refuses to write.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models, transaction

from backend.accounts.models import User
from backend.audit.context import current_request_id
from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.models import Producer


class AuditOutsideTransaction(RuntimeError):
    """The audit writer was called outside the service's transaction."""


def subject_key(subject: models.Model) -> tuple[str, str]:
    """(`app_label.model`, primary key as text) — how a subject is stored."""
    return subject._meta.label_lower, str(subject.pk)


def _user_or_none(user: User | None) -> User | None:
    if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
        return None
    return user


def record_audit_event(
    event_type: AuditEventType,
    *,
    actor: User | None,
    subject: models.Model,
    seller: Producer | None = None,
    on_behalf_of: User | None = None,
    old: Any = None,
    new: Any = None,
    reason: str | None = None,
    extra: dict[str, Any] | None = None,
    request_id: str | None = None,
    event_time: datetime | None = None,
) -> AuditEvent:
    """Append one row. `old`/`new` hold the values before and after the change.

    `on_behalf_of` is the seller's owner when a helper (volunteer, federation worker, family
    member, mentor) acted for them; it is left empty when people act for themselves.
    """
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransaction("write audit rows inside the service's transaction")
    subject_type, subject_id = subject_key(subject)
    actor = _user_or_none(actor)
    on_behalf_of = _user_or_none(on_behalf_of)
    if actor is not None and on_behalf_of is not None and actor.pk == on_behalf_of.pk:
        on_behalf_of = None
    data: dict[str, Any] = dict(extra or {})
    if old is not None:
        data["old"] = old
    if new is not None:
        data["new"] = new
    if reason:
        data["reason"] = reason
    event = AuditEvent(
        seller=seller,
        actor=actor,
        on_behalf_of=on_behalf_of,
        subject_type=subject_type,
        subject_id=subject_id,
        event_type=event_type,
        extra_data=data,
        request_id=current_request_id() if request_id is None else request_id,
    )
    if event_time is not None:
        event.event_time = event_time
    event.save(force_insert=True)
    return event
