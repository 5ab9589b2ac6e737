"""Contract queries and mutations, scoped to the caller: members of the contract's enterprise
(by role) and the producer's owner and helpers (by the seller policy). Another enterprise's or
producer's contract is `null` / NOT_FOUND, exactly like one that does not exist."""

from __future__ import annotations

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.core.auth import current_user
from backend.graphql.core.ids import from_global_id_or_error
from backend.graphql.procurement.mutations.contract_activate import ContractActivate
from backend.graphql.procurement.mutations.contract_complete import ContractComplete
from backend.graphql.procurement.mutations.contract_create import ContractCreate
from backend.graphql.procurement.mutations.contract_delivery_create import (
    ContractDeliveryCreate,
)
from backend.graphql.procurement.mutations.contract_propose import ContractPropose
from backend.graphql.procurement.mutations.contract_sign import ContractSign
from backend.graphql.procurement.mutations.contract_terminate import ContractTerminate
from backend.graphql.procurement.mutations.procurement_order_accept import (
    ProcurementOrderAccept,
)
from backend.graphql.procurement.types import Contract, ContractData, contract_roots
from backend.procurement.lookups import contracts_for_actor

MAX_CONTRACTS = 100


class ProcurementQueries(graphene.ObjectType):
    contract = graphene.Field(
        Contract,
        id=graphene.ID(required=True),
        description="A contract of the caller's enterprise or shop; null otherwise.",
    )
    contracts = graphene.NonNull(
        graphene.List(graphene.NonNull(Contract)),
        first=graphene.Int(description="At most 100 (default 20)."),
        status=graphene.String(description="Only contracts in this state."),
        description="The caller's contracts (as enterprise member or producer), newest first.",
    )

    @staticmethod
    def resolve_contract(root: None, info: GraphQLResolveInfo, id: str) -> ContractData | None:
        pk = from_global_id_or_error(id, "Contract")
        roots = contract_roots(contracts_for_actor(current_user(info)).filter(pk=pk))
        return roots[0] if roots else None

    @staticmethod
    def resolve_contracts(
        root: None, info: GraphQLResolveInfo, first: int = 20, status: str | None = None
    ) -> list[ContractData]:
        queryset = contracts_for_actor(current_user(info)).order_by("-created_at", "-pk")
        if status:
            queryset = queryset.filter(status=status)
        return contract_roots(queryset[: max(0, min(first, MAX_CONTRACTS))])


class ProcurementMutations(graphene.ObjectType):
    contract_create = ContractCreate.Field()
    contract_propose = ContractPropose.Field()
    contract_sign = ContractSign.Field()
    contract_activate = ContractActivate.Field()
    contract_complete = ContractComplete.Field()
    contract_terminate = ContractTerminate.Field()
    contract_delivery_create = ContractDeliveryCreate.Field()
    procurement_order_accept = ProcurementOrderAccept.Field()
