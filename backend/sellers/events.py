"""Audit-log writers of the sellers domain, called by services inside their transaction.

`record_seller_action` is the writer the seller portal uses for any action on a shop: when the
actor is a helper it records "by helper X for seller Y" (`on_behalf_of` = the shop's owner, and
the grant in `extra_data["helper"]`), which the seller's activity list reads back.
"""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.models import Producer
from backend.sellers.models import ConfirmationRequest, HelperGrant, OperatorScope, SellerMembership
from backend.sellers.permissions import SellerRole, seller_policy


def helper_details(grant: HelperGrant) -> dict[str, Any]:
    return {"grant": grant.pk, "kind": grant.kind, "scope": grant.scope}


def record_seller_action(
    seller: Producer,
    event_type: AuditEventType,
    *,
    actor: User | None,
    subject: Any,
    old: Any = None,
    new: Any = None,
    reason: str | None = None,
    extra: dict[str, Any] | None = None,
    role: SellerRole | None = None,
) -> AuditEvent:
    """One audit row for an action on a shop, naming the helper and the seller they acted for."""
    data = dict(extra or {})
    on_behalf_of: User | None = None
    if actor is not None:
        role = role or seller_policy.role_of(actor, seller)
        if role.is_helper and role.grant is not None:
            on_behalf_of = seller.owner
            data["helper"] = helper_details(role.grant)
        elif role.is_operator and not role.is_owner:
            data["as_operator"] = True
    return record_audit_event(
        event_type,
        actor=actor,
        subject=subject,
        seller=seller,
        on_behalf_of=on_behalf_of,
        old=old,
        new=new,
        reason=reason,
        extra=data,
    )


def helper_granted_event(grant: HelperGrant, *, actor: User | None) -> AuditEvent:
    return record_audit_event(
        AuditEventType.HELPER_GRANTED,
        actor=actor,
        subject=grant,
        seller=grant.seller,
        new={"helper": grant.helper_id, "kind": grant.kind, "scope": grant.scope},
    )


def helper_scope_changed_event(
    grant: HelperGrant, *, actor: User | None, old_scope: str
) -> AuditEvent:
    return record_audit_event(
        AuditEventType.HELPER_SCOPE_CHANGED,
        actor=actor,
        subject=grant,
        seller=grant.seller,
        old={"scope": old_scope},
        new={"scope": grant.scope},
        extra={"helper": grant.helper_id},
    )


def helper_revoked_event(grant: HelperGrant, *, actor: User | None, reason: str) -> AuditEvent:
    return record_audit_event(
        AuditEventType.HELPER_REVOKED,
        actor=actor,
        subject=grant,
        seller=grant.seller,
        old={"scope": grant.scope, "active": True},
        new={"active": False},
        reason=reason,
        extra={"helper": grant.helper_id},
    )


def member_added_event(membership: SellerMembership, *, actor: User | None) -> AuditEvent:
    return record_audit_event(
        AuditEventType.SELLER_MEMBER_ADDED,
        actor=actor,
        subject=membership,
        seller=membership.seller,
        new={"user": membership.user_id, "role": membership.role},
    )


def member_removed_event(membership: SellerMembership, *, actor: User | None) -> AuditEvent:
    return record_audit_event(
        AuditEventType.SELLER_MEMBER_REMOVED,
        actor=actor,
        subject=membership,
        seller=membership.seller,
        old={"user": membership.user_id, "role": membership.role},
    )


def operator_scope_event(
    scope: OperatorScope, *, actor: User | None, removed: bool = False
) -> AuditEvent:
    value = {"user": scope.user_id, "region": scope.region_id}
    return record_audit_event(
        AuditEventType.OPERATOR_SCOPE_REMOVED if removed else AuditEventType.OPERATOR_SCOPE_GRANTED,
        actor=actor,
        subject=scope,
        old=value if removed else None,
        new=None if removed else value,
    )


def confirmation_event(
    request: ConfirmationRequest, event_type: AuditEventType, *, actor: User | None, old: str
) -> AuditEvent:
    return record_seller_action(
        request.seller,
        event_type,
        actor=actor,
        subject=request,
        old={"status": old} if old else None,
        new={"status": request.status, "action": request.action},
        extra={"summary": request.summary},
    )
