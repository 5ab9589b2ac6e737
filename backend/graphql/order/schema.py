"""Order queries with Saleor 3's names: `orderByToken`."""

from __future__ import annotations

from uuid import UUID

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.order.types import Order
from backend.orders.lookups import get_order_by_token
from backend.orders.models import Order as OrderModel


class OrderQueries(graphene.ObjectType):
    order_by_token = graphene.Field(
        Order,
        token=graphene.UUID(required=True, description="The order's token."),
        description=(
            "Look up an order by token. Personal data is masked unless the viewer is the "
            "order's customer."
        ),
    )

    @staticmethod
    def resolve_order_by_token(
        root: None, info: GraphQLResolveInfo, token: UUID
    ) -> OrderModel | None:
        try:
            return get_order_by_token(token)
        except OrderModel.DoesNotExist:
            return None
