"""`quoteDecline`: the enterprise declines an open quote."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.core.mutations import BaseMutation
from backend.graphql.sourcing.errors import SourcingError, sourcing_errors
from backend.graphql.sourcing.mutations.base import acting_user, quote_in, request_root
from backend.graphql.sourcing.mutations.quote_accept import deciding_quotes
from backend.graphql.sourcing.types import PurchaseRequest
from backend.sourcing.quotes import decline_quote


class QuoteDecline(BaseMutation):
    purchase_request = graphene.Field(PurchaseRequest)

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Decline an open quote."
        error_type_class = SourcingError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        quote = quote_in(deciding_quotes(user), data["id"])
        with sourcing_errors():
            decline_quote(quote, actor=user)
        return cls(purchase_request=request_root(quote.request_id, user))
