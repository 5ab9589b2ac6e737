"""`contractPropose`: Propose a draft contract to the producer (the enterprise's buyer or
administrator; the enterprise must be verified)."""

from __future__ import annotations

from typing import Any

import graphene

from backend.accounts.models import User
from backend.graphql.procurement.errors import ContractError
from backend.graphql.procurement.mutations.base import ContractMutation
from backend.procurement.contracts import propose_contract
from backend.procurement.models import Contract


class ContractPropose(ContractMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The contract's ID.")

    class Meta:
        description = (
            "Propose a draft contract to the producer (the enterprise's buyer or "
            "administrator; the enterprise must be verified)."
        )
        error_type_class = ContractError
        login_required = True

    @classmethod
    def run(cls, contract: Contract, user: User, data: dict[str, Any]) -> None:
        propose_contract(contract, actor=user)
