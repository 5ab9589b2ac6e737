"""`contractSign`: Sign a proposed contract for the side the caller represents: an enterprise
approver, or the producer's owner. When both have signed it is signed."""

from __future__ import annotations

from typing import Any

import graphene

from backend.accounts.models import User
from backend.graphql.procurement.errors import ContractError
from backend.graphql.procurement.mutations.base import ContractMutation
from backend.procurement.contracts import sign_contract
from backend.procurement.models import Contract


class ContractSign(ContractMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The contract's ID.")

    class Meta:
        description = (
            "Sign a proposed contract for the side the caller represents: an enterprise "
            "approver, or the producer's owner. When both have signed it is signed."
        )
        error_type_class = ContractError
        login_required = True

    @classmethod
    def run(cls, contract: Contract, user: User, data: dict[str, Any]) -> None:
        sign_contract(contract, actor=user)
