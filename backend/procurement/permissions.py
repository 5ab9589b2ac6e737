"""Who may do what with a direct-sourcing contract and its deliveries (Wagtail's policy shape).

Two sides, each an explicit branch of one queryset filter:

- **enterprise** — a live member of the contract's enterprise whose role allows
  `ENTERPRISE_ACTIONS[action]` in the enterprise policy (`backend.enterprises.permissions`):
  buyers draft, propose, activate, schedule, complete, terminate and check deliveries; approvers
  sign for the enterprise; finance reads; administrators do everything. Whether the enterprise is
  verified is checked by the services, with its own error.
- **producer** — the seller policy (`backend.sellers.permissions`) on the contract's producer with
  `SELLER_ACTIONS[action]`: the owner signs and terminates (`CONFIRM_MONEY_ACTIONS`, never a
  helper); an owner or an orders helper sees contracts and schedules deliveries.

Anyone else — the other enterprise, another producer, customers, inactive or signed-out users —
gets nothing, and lookups answer "not found" alike for missing and forbidden.
"""

from __future__ import annotations

import enum

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, Q, QuerySet

from backend.accounts.models import User
from backend.enterprises.permissions import (
    EnterpriseAction,
    live_members,
    member_q,
    roles_allowing,
)
from backend.procurement.models import Contract, ProcurementOrder
from backend.producers.models import Producer
from backend.sellers.permissions import SellerAction, seller_access_q


class ContractAction(enum.StrEnum):
    VIEW = "view"
    DRAFT = "draft"
    PROPOSE = "propose"
    SIGN_FOR_ENTERPRISE = "sign_for_enterprise"
    SIGN_FOR_PRODUCER = "sign_for_producer"
    ACTIVATE = "activate"
    COMPLETE = "complete"
    TERMINATE = "terminate"
    SCHEDULE_DELIVERY = "schedule_delivery"
    ACCEPT_DELIVERY = "accept_delivery"


EA = EnterpriseAction
ENTERPRISE_ACTIONS: dict[ContractAction, EnterpriseAction | None] = {
    ContractAction.VIEW: EA.VIEW_CONTRACTS,
    ContractAction.DRAFT: EA.MANAGE_CONTRACTS,
    ContractAction.PROPOSE: EA.MANAGE_CONTRACTS,
    ContractAction.SIGN_FOR_ENTERPRISE: EA.SIGN_CONTRACTS,
    ContractAction.SIGN_FOR_PRODUCER: None,
    ContractAction.ACTIVATE: EA.MANAGE_CONTRACTS,
    ContractAction.COMPLETE: EA.MANAGE_CONTRACTS,
    ContractAction.TERMINATE: EA.MANAGE_CONTRACTS,
    ContractAction.SCHEDULE_DELIVERY: EA.MANAGE_CONTRACTS,
    ContractAction.ACCEPT_DELIVERY: EA.ACCEPT_DELIVERIES,
}

SELLER_ACTIONS: dict[ContractAction, SellerAction | None] = {
    ContractAction.VIEW: SellerAction.VIEW_ORDERS,
    ContractAction.DRAFT: None,
    ContractAction.PROPOSE: None,
    ContractAction.SIGN_FOR_ENTERPRISE: None,
    ContractAction.SIGN_FOR_PRODUCER: SellerAction.CONFIRM_MONEY_ACTIONS,
    ContractAction.ACTIVATE: None,
    ContractAction.COMPLETE: None,
    ContractAction.TERMINATE: SellerAction.CONFIRM_MONEY_ACTIONS,
    ContractAction.SCHEDULE_DELIVERY: SellerAction.FULFIL_ORDERS,
    ContractAction.ACCEPT_DELIVERY: None,
}


def _acting_user(user: User | AnonymousUser | None) -> User | None:
    if user is None or not user.is_authenticated or not user.is_active or user.pk is None:
        return None
    return user  # type: ignore[return-value]


def enterprise_roles_for(action: ContractAction) -> list[str]:
    enterprise_action = ENTERPRISE_ACTIONS[action]
    return [] if enterprise_action is None else roles_allowing(enterprise_action)


def side_q(user: User, action: ContractAction, *, producer_ref: str = "producer_id") -> Q | None:
    """The WHERE clause on a table with `enterprise_id` and `producer_id`; None: nothing."""
    branches: list[Q] = []
    roles = enterprise_roles_for(action)
    if roles:
        branches.append(member_q(user, roles, enterprise_ref="enterprise_id"))
    seller_action = SELLER_ACTIONS[action]
    if seller_action is not None:
        where = seller_access_q(user, seller_action)
        if where is not None:
            producers = Producer.objects.filter(where).values("pk")
            branches.append(Q(**{f"{producer_ref}__in": producers}))
    if not branches:
        return None
    combined = branches[0]
    for branch in branches[1:]:
        combined |= branch
    return combined


class ContractPolicy:
    model = Contract

    def instances_for(
        self, user: User | AnonymousUser | None, action: ContractAction
    ) -> QuerySet[Contract]:
        acting = _acting_user(user)
        where = None if acting is None else side_q(acting, action)
        if where is None:
            return Contract.objects.none()
        return Contract.objects.filter(where)

    def user_has_permission_for_instance(
        self, user: User | AnonymousUser | None, action: ContractAction, instance: Contract
    ) -> bool:
        if instance.pk is None:
            return False
        return self.instances_for(user, action).filter(pk=instance.pk).exists()

    def allowed_actions(
        self, user: User | AnonymousUser | None, contract: Contract
    ) -> frozenset[ContractAction]:
        """Every action the user may take on this contract (one query)."""
        acting = _acting_user(user)
        if acting is None or contract.pk is None:
            return frozenset()
        flags = {}
        for action in ContractAction:
            where = side_q(acting, action)
            if where is not None:
                flags[f"may_{action.value}"] = Exists(
                    Contract.objects.filter(where, pk=contract.pk)
                )
        row = Contract.objects.filter(pk=contract.pk).values(**flags).first() or {}
        return frozenset(
            ContractAction(name.removeprefix("may_")) for name, allowed in row.items() if allowed
        )


class DeliveryPolicy:
    """Procurement orders, by the same two sides as their contract."""

    model = ProcurementOrder

    def instances_for(
        self, user: User | AnonymousUser | None, action: ContractAction
    ) -> QuerySet[ProcurementOrder]:
        acting = _acting_user(user)
        where = None if acting is None else side_q(acting, action)
        if where is None:
            return ProcurementOrder.objects.none()
        return ProcurementOrder.objects.filter(where)


contract_policy = ContractPolicy()
delivery_policy = DeliveryPolicy()


def may_draft_for(user: User | AnonymousUser | None, enterprise_id: int) -> bool:
    """May the user draft contracts for this enterprise (verified or not)?"""
    acting = _acting_user(user)
    if acting is None:
        return False
    return (
        live_members()
        .filter(
            enterprise_id=enterprise_id,
            user_id=acting.pk,
            role__in=enterprise_roles_for(ContractAction.DRAFT),
        )
        .exists()
    )
