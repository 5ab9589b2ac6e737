"""`quoteWithdraw`: the producer takes back a quote the enterprise has not decided yet."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.core.mutations import BaseMutation
from backend.graphql.sourcing.errors import SourcingError, sourcing_errors
from backend.graphql.sourcing.mutations.base import acting_user, quote_in
from backend.graphql.sourcing.types import Quote
from backend.sourcing.permissions import quotes_for_producer_user
from backend.sourcing.quotes import withdraw_quote


class QuoteWithdraw(BaseMutation):
    quote = graphene.Field(Quote)

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Withdraw one of your shop's open quotes."
        error_type_class = SourcingError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        quote = quote_in(
            quotes_for_producer_user(user).select_related("variant__product"), data["id"]
        )
        with sourcing_errors():
            withdrawn = withdraw_quote(quote, actor=user)
        withdrawn.producer, withdrawn.variant = quote.producer, quote.variant
        return cls(quote=withdrawn)
