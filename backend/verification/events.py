"""Audit-log writers of verification, called by services inside their transaction.

Applicant-side rows go through `record_seller_action`, so a helper applying for a seller is
recorded "by helper X for seller Y". Operator decisions record the region the operator acted
for (`extra_data["operator_region"]`): who, when, what (old/new status), why (the reason), and
on whose behalf.
"""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType
from backend.sellers.events import record_seller_action
from backend.sellers.permissions import covering_operator_scope
from backend.verification.models import VerificationApplication, VerificationEvidence


def _validity(application: VerificationApplication) -> dict[str, Any]:
    if application.valid_until is None:
        return {}
    return {"valid_from": application.valid_from, "valid_until": application.valid_until}


def applicant_event(
    application: VerificationApplication,
    event_type: AuditEventType,
    *,
    actor: User,
    old_status: str | None,
    reason: str | None = None,
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    return record_seller_action(
        application.seller,
        event_type,
        actor=actor,
        subject=application,
        old={"status": old_status} if old_status else None,
        new={"status": application.status, "kind": application.kind},
        reason=reason,
        extra=extra,
    )


def operator_decision_event(
    application: VerificationApplication,
    event_type: AuditEventType,
    *,
    actor: User,
    old_status: str,
    old_validity: dict[str, Any] | None = None,
    reason: str | None = None,
) -> AuditEvent:
    scope = covering_operator_scope(actor, application.seller)
    region = scope.region if scope is not None else None
    extra: dict[str, Any] = {
        "as_operator": True,
        "operator_region": (
            {"id": region.pk, "code": region.code, "name": str(region)} if region else None
        ),
        "kind": application.kind,
    }
    return record_audit_event(
        event_type,
        actor=actor,
        subject=application,
        seller=application.seller,
        old={"status": old_status, **(old_validity or {})},
        new={"status": application.status, **_validity(application)},
        reason=reason,
        extra=extra,
    )


def evidence_added_event(evidence: VerificationEvidence, *, actor: User) -> AuditEvent:
    return record_seller_action(
        evidence.seller,
        AuditEventType.VERIFICATION_EVIDENCE_ADDED,
        actor=actor,
        subject=evidence,
        new={
            "application": evidence.application_id,
            "kind": evidence.kind,
            "content_type": evidence.content_type,
            "size": evidence.size,
            "sha256": evidence.sha256,
        },
    )


def evidence_viewed_event(evidence: VerificationEvidence, *, actor: User) -> AuditEvent:
    """Reading sensitive personal information is recorded too (PIPL)."""
    return record_seller_action(
        evidence.seller,
        AuditEventType.VERIFICATION_EVIDENCE_VIEWED,
        actor=actor,
        subject=evidence,
        extra={"application": evidence.application_id, "kind": evidence.kind},
    )


def reminder_sent_event(application: VerificationApplication, *, days_before: int) -> AuditEvent:
    return record_audit_event(
        AuditEventType.VERIFICATION_EXPIRY_REMINDER_SENT,
        actor=None,
        subject=application,
        seller=application.seller,
        new={"days_before": days_before, "valid_until": application.valid_until},
    )
