"""Tenant-scoped reads of contracts and deliveries (Zulip's access_x pattern): the policy's
filter is in the query, and "not yours" and "does not exist" raise the same DoesNotExist."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from backend.accounts.models import User
from backend.procurement.models import Contract, ProcurementOrder
from backend.procurement.permissions import ContractAction, contract_policy, delivery_policy


def contracts_for_actor(
    actor: User | AnonymousUser | None, action: ContractAction = ContractAction.VIEW
) -> QuerySet[Contract]:
    return contract_policy.instances_for(actor, action).select_related("enterprise", "producer")


def get_contract_for_actor(
    contract_id: int, actor: User | AnonymousUser | None, action: ContractAction
) -> Contract:
    """Raises Contract.DoesNotExist for a missing contract and one the actor may not `action`."""
    return contracts_for_actor(actor, action).get(pk=contract_id)


def deliveries_for_actor(
    actor: User | AnonymousUser | None, action: ContractAction = ContractAction.VIEW
) -> QuerySet[ProcurementOrder]:
    return delivery_policy.instances_for(actor, action).select_related(
        "enterprise", "producer", "contract"
    )


def get_delivery_for_actor(
    delivery_id: int, actor: User | AnonymousUser | None, action: ContractAction
) -> ProcurementOrder:
    return deliveries_for_actor(actor, action).get(pk=delivery_id)
