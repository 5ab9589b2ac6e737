"""Operators verify an enterprise before it may post requests and sign contracts; they may also
refuse it (with a reason) or suspend a verified one (with a reason). Each decision is one
transaction with its audit row; only an operator whose region covers the enterprise, and who is
not one of its members, may decide (`EnterpriseAction.VERIFY_ENTERPRISE`)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.enterprises.errors import EnterpriseError, EnterpriseErrorCode
from backend.enterprises.events import record_enterprise_event
from backend.enterprises.locks import lock_enterprise
from backend.enterprises.models import Enterprise, EnterpriseStatus
from backend.enterprises.permissions import EnterpriseAction, enterprise_policy

S = EnterpriseStatus
# decision -> (statuses it may start from, status it leads to, audit type, reason required)
DECISIONS: dict[str, tuple[frozenset[str], str, AuditEventType, bool]] = {
    "verify": (
        frozenset({S.PENDING, S.REJECTED, S.SUSPENDED}),
        S.VERIFIED,
        AuditEventType.ENTERPRISE_VERIFIED,
        False,
    ),
    "reject": (frozenset({S.PENDING}), S.REJECTED, AuditEventType.ENTERPRISE_REJECTED, True),
    "suspend": (frozenset({S.VERIFIED}), S.SUSPENDED, AuditEventType.ENTERPRISE_SUSPENDED, True),
}


def decide_enterprise(
    enterprise: Enterprise, decision: str, *, actor: User, reason: str = ""
) -> Enterprise:
    """Apply an operator's decision ("verify", "reject" or "suspend")."""
    sources, target, event_type, needs_reason = DECISIONS[decision]
    reason = (reason or "").strip()
    if needs_reason and not reason:
        raise EnterpriseError(
            EnterpriseErrorCode.REQUIRED,
            _("Say why, so the enterprise knows what to fix"),
            field="reason",
        )
    if not enterprise_policy.user_has_permission_for_instance(
        actor, EnterpriseAction.VERIFY_ENTERPRISE, enterprise
    ):
        raise EnterpriseError(EnterpriseErrorCode.NOT_FOUND, _("No such enterprise"))
    with transaction.atomic(durable=True):
        locked = lock_enterprise(enterprise.pk)
        if locked.status not in sources:
            raise EnterpriseError(
                EnterpriseErrorCode.INVALID_TRANSITION,
                _("An enterprise that is %(status)s cannot be given this decision")
                % {"status": locked.get_status_display()},
                field="status",
            )
        old = locked.status
        locked.status = target
        locked.status_reason = reason
        fields = ["status", "status_reason", "updated_at"]
        if target == S.VERIFIED:
            locked.verified_at = timezone.now()
            locked.verified_by = actor
            fields += ["verified_at", "verified_by"]
        locked.save(update_fields=fields)
        record_enterprise_event(
            event_type, actor=actor, subject=locked, old=old, new=target, reason=reason or None
        )
    return locked


def verify_enterprise(enterprise: Enterprise, *, actor: User) -> Enterprise:
    return decide_enterprise(enterprise, "verify", actor=actor)


def reject_enterprise(enterprise: Enterprise, *, actor: User, reason: str) -> Enterprise:
    return decide_enterprise(enterprise, "reject", actor=actor, reason=reason)


def suspend_enterprise(enterprise: Enterprise, *, actor: User, reason: str) -> Enterprise:
    return decide_enterprise(enterprise, "suspend", actor=actor, reason=reason)
