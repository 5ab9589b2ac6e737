"""`pledgeDeclare`: declare (or change) an enterprise's pledge for a year — an amount, or a
share of the year's food purchasing (administrator, approver or finance)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.enterprises.errors import EnterpriseErrorCode
from backend.enterprises.lookups import access_enterprise
from backend.enterprises.models import Enterprise as EnterpriseModel
from backend.enterprises.models import Pledge as PledgeModel
from backend.enterprises.permissions import EnterpriseAction
from backend.enterprises.pledges import declare_pledge
from backend.graphql.core.auth import current_user
from backend.graphql.core.ids import from_global_id_or_error
from backend.graphql.core.mutations import BaseMutation, MutationErrors
from backend.graphql.enterprises.errors import EnterpriseError, enterprise_errors
from backend.graphql.enterprises.types import Pledge, pledge_roots


class PledgeDeclareInput(graphene.InputObjectType):
    enterprise = graphene.ID(required=True)
    year = graphene.Int(required=True)
    kind = graphene.String(required=True, description="amount or share")
    amount = graphene.String(description="Yuan, for an amount pledge.")
    share_percent = graphene.String(description="0.01 to 100, for a share pledge.")
    base_amount = graphene.String(description="The year's food purchasing, for a share pledge.")
    note = graphene.String()


def _decimal(value: str | None, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        raise MutationErrors.of(
            EnterpriseErrorCode.INVALID, field=field, message=_("Enter a number, like 50000.")
        ) from None


class PledgeDeclare(BaseMutation):
    pledge = graphene.Field(Pledge)

    class Arguments:
        input = PledgeDeclareInput(required=True)

    class Meta:
        description = "Declare or change an enterprise's annual purchase pledge."
        error_type_class = EnterpriseError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = current_user(info)
        assert user is not None
        values = data["input"]
        pk = from_global_id_or_error(values["enterprise"], "Enterprise")
        try:
            enterprise = access_enterprise(user, pk, EnterpriseAction.MANAGE_PLEDGES)
        except EnterpriseModel.DoesNotExist:
            raise MutationErrors.of(
                EnterpriseErrorCode.NOT_FOUND,
                field="enterprise",
                message=_("This enterprise does not exist."),
            ) from None
        with enterprise_errors():
            pledge = declare_pledge(
                enterprise,
                year=values["year"],
                kind=values["kind"],
                amount=_decimal(values.get("amount"), "amount"),
                share_percent=_decimal(values.get("share_percent"), "sharePercent"),
                base_amount=_decimal(values.get("base_amount"), "baseAmount"),
                note=values.get("note") or "",
                actor=user,
            )
        (progress,) = pledge_roots(PledgeModel.objects.filter(pk=pledge.pk))
        return cls(pledge=progress)
