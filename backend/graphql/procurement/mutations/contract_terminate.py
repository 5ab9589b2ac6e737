"""`contractTerminate`: end a proposed, signed or active contract, with a reason (the
enterprise's buyer or administrator, or the producer's owner)."""

from __future__ import annotations

from typing import Any

import graphene

from backend.accounts.models import User
from backend.graphql.procurement.errors import ContractError
from backend.graphql.procurement.mutations.base import ContractMutation
from backend.procurement.contracts import terminate_contract
from backend.procurement.models import Contract


class ContractTerminate(ContractMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The contract's ID.")
        reason = graphene.String(required=True, description="Why the contract ends.")

    class Meta:
        description = (
            "End a proposed, signed or active contract with a reason (the enterprise's buyer "
            "or administrator, or the producer's owner). No delivery may be waiting for its check."
        )
        error_type_class = ContractError
        login_required = True

    @classmethod
    def run(cls, contract: Contract, user: User, data: dict[str, Any]) -> None:
        terminate_contract(contract, actor=user, reason=data["reason"])
