"""Purchase requests and quotes, scoped to the caller: members of the request's enterprise see
it with every quote; producers see the requests their shops were invited to, with only their
own quotes. Anything else is null / NOT_FOUND, exactly like what does not exist."""

from __future__ import annotations

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.core.auth import current_user
from backend.graphql.core.ids import from_global_id_or_error
from backend.graphql.sourcing.lookups import requests_for_caller
from backend.graphql.sourcing.mutations.purchase_request_close import PurchaseRequestClose
from backend.graphql.sourcing.mutations.purchase_request_create import PurchaseRequestCreate
from backend.graphql.sourcing.mutations.quote_accept import QuoteAccept
from backend.graphql.sourcing.mutations.quote_create import QuoteCreate
from backend.graphql.sourcing.mutations.quote_decline import QuoteDecline
from backend.graphql.sourcing.mutations.quote_withdraw import QuoteWithdraw
from backend.graphql.sourcing.types import PurchaseRequest, RequestData, request_roots

MAX_REQUESTS = 100


class SourcingQueries(graphene.ObjectType):
    purchase_request = graphene.Field(
        PurchaseRequest,
        id=graphene.ID(required=True),
        description="A purchase request of the caller's enterprise, or one their shop may quote.",
    )
    purchase_requests = graphene.NonNull(
        graphene.List(graphene.NonNull(PurchaseRequest)),
        first=graphene.Int(description="At most 100 (default 20)."),
        status=graphene.String(description="Only requests in this state."),
        description="The caller's purchase requests (as member or invited producer), newest first.",
    )

    @staticmethod
    def resolve_purchase_request(
        root: None, info: GraphQLResolveInfo, id: str
    ) -> RequestData | None:
        pk = from_global_id_or_error(id, "PurchaseRequest")
        user = current_user(info)
        roots = request_roots(requests_for_caller(user).filter(pk=pk), user)
        return roots[0] if roots else None

    @staticmethod
    def resolve_purchase_requests(
        root: None, info: GraphQLResolveInfo, first: int = 20, status: str | None = None
    ) -> list[RequestData]:
        user = current_user(info)
        queryset = requests_for_caller(user).order_by("-created_at", "-pk")
        if status:
            queryset = queryset.filter(status=status)
        return request_roots(queryset[: max(0, min(first, MAX_REQUESTS))], user)


class SourcingMutations(graphene.ObjectType):
    purchase_request_create = PurchaseRequestCreate.Field()
    purchase_request_close = PurchaseRequestClose.Field()
    quote_create = QuoteCreate.Field()
    quote_withdraw = QuoteWithdraw.Field()
    quote_accept = QuoteAccept.Field()
    quote_decline = QuoteDecline.Field()
