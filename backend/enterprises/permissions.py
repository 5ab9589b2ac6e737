"""Who may do what for which enterprise: the one place that answers it (Wagtail's policy shape).

Roles, each an explicit branch of one queryset filter (never a missing filter):

- **member** — a live `EnterpriseMember` row (not removed, account active): the actions of its
  role (`ROLE_ACTIONS`). A person may hold several roles in one enterprise; they add up.
- **operator** — an active staff user who operates somewhere (superuser, or an `OperatorScope`,
  see `backend.sellers.permissions.is_operator`): the inspect-and-verify actions
  (`OPERATOR_ACTIONS`) on enterprises in their regions.
- anyone else (other enterprises, sellers, customers, inactive accounts, anonymous): nothing.

Some actions commit the enterprise to money or to producers (`VERIFIED_ONLY`): posting a
purchase request, accepting a quote, proposing and signing contracts, accepting deliveries.
`instances_for` keeps only verified enterprises for those; `can_sign_contracts(enterprise)` says
the same about one row.
"""

from __future__ import annotations

import enum

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from backend.accounts.models import User
from backend.enterprises.models import (
    Enterprise,
    EnterpriseMember,
    EnterpriseRole,
    EnterpriseStatus,
)
from backend.sellers.permissions import is_operator, operator_region_q


class EnterpriseAction(enum.StrEnum):
    VIEW_ENTERPRISE = "view_enterprise"
    EDIT_PROFILE = "edit_profile"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_DELIVERY_SITES = "manage_delivery_sites"
    MANAGE_INVOICE_DETAILS = "manage_invoice_details"
    VIEW_REQUESTS = "view_requests"
    POST_REQUESTS = "post_requests"
    ACCEPT_QUOTES = "accept_quotes"
    VIEW_CONTRACTS = "view_contracts"
    MANAGE_CONTRACTS = "manage_contracts"
    SIGN_CONTRACTS = "sign_contracts"
    ACCEPT_DELIVERIES = "accept_deliveries"
    VIEW_PLEDGES = "view_pledges"
    MANAGE_PLEDGES = "manage_pledges"
    VIEW_BENEFIT_LINKS = "view_benefit_links"
    # operators
    INSPECT_ENTERPRISE = "inspect_enterprise"
    VERIFY_ENTERPRISE = "verify_enterprise"
    VERIFY_BENEFIT_LINKS = "verify_benefit_links"


_READ = frozenset(
    {
        EnterpriseAction.VIEW_ENTERPRISE,
        EnterpriseAction.VIEW_REQUESTS,
        EnterpriseAction.VIEW_CONTRACTS,
        EnterpriseAction.VIEW_PLEDGES,
        EnterpriseAction.VIEW_BENEFIT_LINKS,
    }
)
OPERATOR_ACTIONS: frozenset[EnterpriseAction] = frozenset(
    {
        EnterpriseAction.INSPECT_ENTERPRISE,
        EnterpriseAction.VERIFY_ENTERPRISE,
        EnterpriseAction.VERIFY_BENEFIT_LINKS,
    }
)

ROLE_ACTIONS: dict[str, frozenset[EnterpriseAction]] = {
    EnterpriseRole.ADMIN: frozenset(EnterpriseAction) - OPERATOR_ACTIONS,
    EnterpriseRole.BUYER: _READ
    | {
        EnterpriseAction.POST_REQUESTS,
        EnterpriseAction.ACCEPT_QUOTES,
        EnterpriseAction.MANAGE_CONTRACTS,
        EnterpriseAction.ACCEPT_DELIVERIES,
        EnterpriseAction.MANAGE_DELIVERY_SITES,
    },
    EnterpriseRole.APPROVER: _READ
    | {
        EnterpriseAction.ACCEPT_QUOTES,
        EnterpriseAction.SIGN_CONTRACTS,
        EnterpriseAction.MANAGE_PLEDGES,
    },
    EnterpriseRole.FINANCE: _READ
    | {EnterpriseAction.MANAGE_INVOICE_DETAILS, EnterpriseAction.MANAGE_PLEDGES},
    # Staff buy privately (credited to the pledge); in the portal they only see the enterprise.
    EnterpriseRole.STAFF: frozenset({EnterpriseAction.VIEW_ENTERPRISE}),
}

# Actions that commit the enterprise: only a verified enterprise may take them.
VERIFIED_ONLY: frozenset[EnterpriseAction] = frozenset(
    {
        EnterpriseAction.POST_REQUESTS,
        EnterpriseAction.ACCEPT_QUOTES,
        EnterpriseAction.MANAGE_CONTRACTS,
        EnterpriseAction.SIGN_CONTRACTS,
        EnterpriseAction.ACCEPT_DELIVERIES,
    }
)


def roles_allowing(action: EnterpriseAction) -> list[str]:
    return [str(role) for role, actions in ROLE_ACTIONS.items() if action in actions]


def can_sign_contracts(enterprise: Enterprise) -> bool:
    """May this enterprise sign contracts and post requests? (verified by an operator)"""
    return enterprise.status == EnterpriseStatus.VERIFIED


def _acting_user(user: User | AnonymousUser | None) -> User | None:
    if user is None or not user.is_authenticated or not user.is_active or user.pk is None:
        return None
    return user  # type: ignore[return-value]


def live_members() -> QuerySet[EnterpriseMember]:
    return EnterpriseMember.objects.filter(removed_at__isnull=True, user__is_active=True)


def member_q(user: User, roles: list[str], enterprise_ref: str = "pk") -> Q:
    """Enterprises where the user holds one of `roles`, as a filter (`enterprise_ref` names
    the enterprise key in the outer query)."""
    rows = live_members().filter(
        enterprise_id=OuterRef(enterprise_ref), user_id=user.pk, role__in=roles
    )
    return Q(Exists(rows))


def enterprise_access_q(
    user: User, action: EnterpriseAction, *, require_verified: bool = True
) -> Q | None:
    """The WHERE clause on Enterprise for `action` by `user`; None when nothing is allowed."""
    branches: list[Q] = []
    roles = roles_allowing(action)
    if roles:
        branch = member_q(user, roles)
        if require_verified and action in VERIFIED_ONLY:
            branch &= Q(status=EnterpriseStatus.VERIFIED)
        branches.append(branch)
    if action in OPERATOR_ACTIONS and is_operator(user):
        operator = operator_region_q(user)
        # Never verify an enterprise one belongs to (conflict of interest).
        operator &= ~member_q(user, [str(role) for role in EnterpriseRole])
        branches.append(operator)
    if not branches:
        return None
    combined = branches[0]
    for branch in branches[1:]:
        combined |= branch
    return combined


class EnterprisePolicy:
    """Wagtail-shaped policy over Enterprise."""

    model = Enterprise

    def instances_for(
        self,
        user: User | AnonymousUser | None,
        action: EnterpriseAction,
        *,
        require_verified: bool = True,
    ) -> QuerySet[Enterprise]:
        acting = _acting_user(user)
        if acting is None:
            return Enterprise.objects.none()
        where = enterprise_access_q(acting, action, require_verified=require_verified)
        if where is None:
            return Enterprise.objects.none()
        return Enterprise.objects.filter(where)

    def user_has_permission(
        self, user: User | AnonymousUser | None, action: EnterpriseAction
    ) -> bool:
        """May the user take `action` on at least one enterprise?"""
        return self.instances_for(user, action).exists()

    def user_has_permission_for_instance(
        self, user: User | AnonymousUser | None, action: EnterpriseAction, instance: Enterprise
    ) -> bool:
        if instance.pk is None:
            return False
        return self.instances_for(user, action).filter(pk=instance.pk).exists()

    def roles_of(self, user: User | AnonymousUser | None, enterprise: Enterprise) -> list[str]:
        acting = _acting_user(user)
        if acting is None:
            return []
        return sorted(
            live_members()
            .filter(enterprise_id=enterprise.pk, user_id=acting.pk)
            .values_list("role", flat=True)
        )


enterprise_policy = EnterprisePolicy()
