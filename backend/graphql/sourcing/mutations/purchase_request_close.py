"""`purchaseRequestClose`: stop taking quotes — close (keep accepted quotes) or cancel."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.enterprises.permissions import EnterpriseAction
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.sourcing.errors import SourcingError, sourcing_errors
from backend.graphql.sourcing.mutations.base import acting_user, request_in, request_root
from backend.graphql.sourcing.types import PurchaseRequest
from backend.sourcing.permissions import requests_for_enterprise_member
from backend.sourcing.requests import end_request


class PurchaseRequestClose(BaseMutation):
    purchase_request = graphene.Field(PurchaseRequest)

    class Arguments:
        id = graphene.ID(required=True)
        cancel = graphene.Boolean(description="Cancel instead of closing (no quote accepted).")

    class Meta:
        description = "Close or cancel an open purchase request; open quotes are declined."
        error_type_class = SourcingError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        mine = requests_for_enterprise_member(user, EnterpriseAction.POST_REQUESTS)
        request = request_in(mine, data["id"], "id")
        with sourcing_errors():
            end_request(request, actor=user, cancel=bool(data.get("cancel")))
        return cls(purchase_request=request_root(request.pk, user))
