"""Tenant-scoped reads of enterprises (Zulip's access_x pattern).

"Not yours" and "does not exist" look the same (`Enterprise.DoesNotExist`). An enterprise the
user may act on by role, but which is not verified yet, raises `EnterpriseNotVerified` for the
actions that need verification (`VERIFIED_ONLY`): that is the user's own enterprise, so they are
told why rather than shown "not found".
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from backend.accounts.models import User
from backend.enterprises.models import Enterprise, EnterpriseMember
from backend.enterprises.permissions import (
    VERIFIED_ONLY,
    EnterpriseAction,
    enterprise_policy,
    live_members,
)


class EnterpriseNotVerified(PermissionDenied):
    """The enterprise is the user's, but an operator has not verified it (or suspended it)."""

    def __init__(self, enterprise: Enterprise) -> None:
        super().__init__("enterprise not verified")
        self.enterprise = enterprise


def enterprises_for_actor(
    actor: User, action: EnterpriseAction = EnterpriseAction.VIEW_ENTERPRISE
) -> QuerySet[Enterprise]:
    """Enterprises `actor` may take `action` on."""
    return enterprise_policy.instances_for(actor, action)


def access_enterprise(actor: User, enterprise_id: int, action: EnterpriseAction) -> Enterprise:
    """The enterprise if `actor` may take `action` on it.

    Raises Enterprise.DoesNotExist (missing, or not the actor's) or EnterpriseNotVerified.
    """
    try:
        return enterprises_for_actor(actor, action).select_related("region").get(pk=enterprise_id)
    except Enterprise.DoesNotExist:
        if action not in VERIFIED_ONLY:
            raise
        unverified = (
            enterprise_policy.instances_for(actor, action, require_verified=False)
            .filter(pk=enterprise_id)
            .first()
        )
        if unverified is None:
            raise
        raise EnterpriseNotVerified(unverified) from None


def memberships_of(actor: User) -> QuerySet[EnterpriseMember]:
    """The actor's live memberships, with their enterprises (one query)."""
    return (
        live_members()
        .filter(user_id=actor.pk)
        .select_related("enterprise", "enterprise__region")
        .order_by("enterprise__name", "enterprise_id", "role")
    )
