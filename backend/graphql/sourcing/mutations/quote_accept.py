"""`quoteAccept`: the enterprise accepts a quote, in full or in part, while the accepted
quantity stays within the request (a verified enterprise's buyer, approver or admin)."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.enterprises.permissions import EnterpriseAction, enterprise_policy
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.sourcing.errors import SourcingError, sourcing_errors
from backend.graphql.sourcing.mutations.base import acting_user, quote_in, request_root
from backend.graphql.sourcing.types import PurchaseRequest, Quote
from backend.sourcing.models import Quote as QuoteModel
from backend.sourcing.quotes import accept_quote


def deciding_quotes(user: Any) -> Any:
    """Quotes on requests of enterprises where the user's role may accept quotes (whether the
    enterprise is verified is the service's question, with its own error)."""
    enterprises = enterprise_policy.instances_for(
        user, EnterpriseAction.ACCEPT_QUOTES, require_verified=False
    )
    return QuoteModel.objects.filter(request__enterprise_id__in=enterprises.values("pk"))


class QuoteAccept(BaseMutation):
    quote = graphene.Field(Quote)
    purchase_request = graphene.Field(PurchaseRequest)

    class Arguments:
        id = graphene.ID(required=True)
        units = graphene.Int(description="Units to accept; all of them by default.")

    class Meta:
        description = "Accept a quote in full or in part."
        error_type_class = SourcingError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        quote = quote_in(deciding_quotes(user), data["id"])
        with sourcing_errors():
            accept_quote(quote, actor=user, units=data.get("units"))
        request = request_root(quote.request_id, user)
        accepted = next(q for q in request.quotes if q.pk == quote.pk)
        return cls(quote=accepted, purchase_request=request)
