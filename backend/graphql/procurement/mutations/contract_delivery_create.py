"""`contractDeliveryCreate`: schedule a delivery drawn down against an active contract (the
producer's owner or orders helper, or the enterprise's buyer); stock is allocated at once."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.core.ids import from_global_id_or_error
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.procurement.errors import ContractError, procurement_errors
from backend.graphql.procurement.mutations.base import acting_user, contract_for, contract_root
from backend.graphql.procurement.types import Contract, ProcurementOrder
from backend.procurement.deliveries import schedule_delivery


class ContractDeliveryLineInput(graphene.InputObjectType):
    contract_line = graphene.ID(required=True, description="The contract line.")
    quantity = graphene.Int(required=True, description="Units in this delivery.")


class ContractDeliveryCreate(BaseMutation):
    contract = graphene.Field(Contract)
    procurement_order = graphene.Field(ProcurementOrder, description="The scheduled delivery.")

    class Arguments:
        id = graphene.ID(required=True, description="The contract's ID.")
        delivery_date = graphene.Date(required=True)
        lines = graphene.List(graphene.NonNull(ContractDeliveryLineInput), required=True)

    class Meta:
        description = (
            "Schedule a delivery against an active contract: priced by the contract's rule on "
            "the delivery day (never below the floor), stock allocated as for a checkout."
        )
        error_type_class = ContractError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        contract = contract_for(user, data["id"])
        quantities: dict[int, int] = {}
        for line in data["lines"]:
            pk = from_global_id_or_error(line["contract_line"], "ContractLine")
            quantities[pk] = quantities.get(pk, 0) + line["quantity"]
        with procurement_errors():
            delivery = schedule_delivery(
                contract, actor=user, delivery_date=data["delivery_date"], quantities=quantities
            )
        contract_data = contract_root(contract.pk)
        scheduled = next(d for d in contract_data.deliveries if d.pk == delivery.pk)
        return cls(contract=contract_data, procurement_order=scheduled)
