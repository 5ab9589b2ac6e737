"""`contractComplete`: Complete an active contract once every delivery is checked (the enterprise's
buyer or administrator)."""

from __future__ import annotations

from typing import Any

import graphene

from backend.accounts.models import User
from backend.graphql.procurement.errors import ContractError
from backend.graphql.procurement.mutations.base import ContractMutation
from backend.procurement.contracts import complete_contract
from backend.procurement.models import Contract


class ContractComplete(ContractMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The contract's ID.")

    class Meta:
        description = (
            "Complete an active contract once every delivery is checked (the enterprise's "
            "buyer or administrator)."
        )
        error_type_class = ContractError
        login_required = True

    @classmethod
    def run(cls, contract: Contract, user: User, data: dict[str, Any]) -> None:
        complete_contract(contract, actor=user)
