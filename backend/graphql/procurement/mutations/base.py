"""What the contract mutations share: the caller, the contract or delivery they name (found
through the tenant-scoped lookups: missing and forbidden are the same NOT_FOUND), and the
payload's `contract` root."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.accounts.models import User
from backend.graphql.core.auth import current_user
from backend.graphql.core.ids import from_global_id_or_error
from backend.graphql.core.mutations import BaseMutation, MutationErrors
from backend.graphql.procurement.errors import ContractError, procurement_errors
from backend.graphql.procurement.types import Contract, ContractData, contract_roots
from backend.procurement.errors import ProcurementErrorCode
from backend.procurement.lookups import contracts_for_actor, get_delivery_for_actor
from backend.procurement.models import Contract as ContractModel
from backend.procurement.models import ProcurementOrder as ProcurementOrderModel
from backend.procurement.models import ProcurementOrderLine as ProcurementOrderLineModel
from backend.procurement.permissions import ContractAction


def acting_user(info: GraphQLResolveInfo) -> User:
    user = current_user(info)
    assert user is not None, "login_required refuses anonymous callers first"
    return user


def not_found(field: str, what: str = "contract") -> MutationErrors:
    message = (
        _("This delivery does not exist.")
        if what == "delivery"
        else _("This contract does not exist.")
    )
    return MutationErrors.of(ProcurementErrorCode.NOT_FOUND, field=field, message=message)


def contract_for(user: User, global_id: str, *, field: str = "id") -> ContractModel:
    """A contract the user can see (the service checks the step's own right)."""
    pk = from_global_id_or_error(global_id, "Contract")
    try:
        return contracts_for_actor(user, ContractAction.VIEW).get(pk=pk)
    except ContractModel.DoesNotExist:
        raise not_found(field) from None


def delivery_for(user: User, global_id: str, *, field: str = "id") -> ProcurementOrderModel:
    pk = from_global_id_or_error(global_id, "ProcurementOrder")
    try:
        return get_delivery_for_actor(pk, user, ContractAction.VIEW)
    except ProcurementOrderModel.DoesNotExist:
        raise not_found(field, "delivery") from None


def contract_root(contract_id: int) -> ContractData:
    (root,) = contract_roots(ContractModel.objects.filter(pk=contract_id))
    return root


def delivery_root(delivery_id: int) -> ProcurementOrderModel:
    """A delivery as the payload returns it: its lines loaded in order (any delivery, the
    contract-less quote orders included)."""
    return ProcurementOrderModel.objects.prefetch_related(
        Prefetch("lines", queryset=ProcurementOrderLineModel.objects.order_by("pk"))
    ).get(pk=delivery_id)


class ContractMutation(BaseMutation):
    """A step of a contract's life named by `id`: find it, run the service, return it."""

    contract = graphene.Field(Contract, description="The contract after the step.")

    class Meta:
        abstract = True

    @classmethod
    def run(cls, contract: ContractModel, user: User, data: dict[str, Any]) -> None:
        raise NotImplementedError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        contract = contract_for(user, data["id"])
        with procurement_errors():
            cls.run(contract, user, data)
        return cls(contract=contract_root(contract.pk))


ERROR_META = {"error_type_class": ContractError, "login_required": True}
