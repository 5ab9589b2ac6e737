"""Audit rows of the search app: operators' changes to the priority-ranking weights."""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType
from backend.search.models import RankingWeights


def ranking_weights_changed_event(
    weights: RankingWeights, *, actor: User | None, old: dict[str, Any], new: dict[str, Any]
) -> AuditEvent:
    return record_audit_event(
        AuditEventType.SEARCH_RANKING_WEIGHTS_CHANGED,
        actor=actor,
        subject=weights,
        old=old,
        new=new,
    )
