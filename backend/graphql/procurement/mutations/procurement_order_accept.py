"""`procurementOrderAccept`: the enterprise's quality check of a shipped delivery — units accepted
per line, a reason for any rejected; the amount due follows, exact to the cent."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.core.ids import from_global_id_or_error
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.procurement.errors import ContractError, procurement_errors
from backend.graphql.procurement.mutations.base import (
    acting_user,
    contract_root,
    delivery_for,
    delivery_root,
)
from backend.graphql.procurement.types import Contract, ProcurementOrder
from backend.procurement.deliveries import accept_delivery


class ProcurementOrderAcceptLineInput(graphene.InputObjectType):
    line = graphene.ID(required=True, description="The procurement order line.")
    quantity_accepted = graphene.Int(required=True)
    rejection_reason = graphene.String(description="Required when units are rejected.")


class ProcurementOrderAccept(BaseMutation):
    contract = graphene.Field(
        Contract, description="The delivery's contract; null for a quote order (no contract)."
    )
    procurement_order = graphene.Field(ProcurementOrder, description="The delivery, checked.")

    class Arguments:
        id = graphene.ID(required=True, description="The procurement order's ID.")
        lines = graphene.List(
            graphene.NonNull(ProcurementOrderAcceptLineInput),
            description="Lines left out are accepted whole.",
        )
        notes = graphene.String(description="Quality notes.")

    class Meta:
        description = (
            "Record the quality check of a shipped delivery (the enterprise's buyer or "
            "administrator). Rejected units are not put back into stock."
        )
        error_type_class = ContractError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        delivery = delivery_for(user, data["id"])
        accepted: dict[int, int] = {}
        reasons: dict[int, str] = {}
        for line in data.get("lines") or []:
            pk = from_global_id_or_error(line["line"], "ProcurementOrderLine")
            accepted[pk] = line["quantity_accepted"]
            reasons[pk] = line.get("rejection_reason") or ""
        with procurement_errors():
            accept_delivery(
                delivery,
                actor=user,
                accepted=accepted,
                reasons=reasons,
                notes=data.get("notes") or "",
            )
        if delivery.contract_id is None:  # a quote order: no contract to return
            return cls(contract=None, procurement_order=delivery_root(delivery.pk))
        contract_data = contract_root(delivery.contract_id)
        checked = next(d for d in contract_data.deliveries if d.pk == delivery.pk)
        return cls(contract=contract_data, procurement_order=checked)
