"""The signed-in customer (Saleor's `User`), with their order history and carts.

A User node is only ever reached as the viewer themself (`me`, `tokenCreate.user`,
`accountRegister.user`, or a checkout's or order's `user` when the viewer owns it), and its
lists start from the domain's customer-scoped querysets.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import graphene
from django.db import models
from graphene import relay
from graphql import GraphQLResolveInfo

from backend.accounts.models import User as UserModel
from backend.checkout.models import Checkout as CheckoutModel
from backend.graphql.checkout.types import CheckoutCountableConnection
from backend.graphql.core.connection import (
    DESC,
    SortKey,
    SortSpec,
    build_connection,
    page_args,
    pk_tiebreak,
    slice_queryset,
)
from backend.graphql.core.fields import connection_field
from backend.graphql.core.ids import to_global_id
from backend.graphql.core.types import ObjectWithMetadata
from backend.graphql.order.types import OrderCountableConnection
from backend.orders.lookups import orders_for_customer
from backend.warehouse.locks import CHECKOUT_RELATED

ORDER_SORT = SortSpec(
    (SortKey("created_at", models.DateTimeField()), pk_tiebreak()), direction=DESC
)
CHECKOUT_SORT = SortSpec(
    (SortKey("last_change", models.DateTimeField()), SortKey("pk", models.UUIDField())),
    direction=DESC,
)


def checkouts_of(user: UserModel, channel: str | None = None) -> Any:
    queryset = CheckoutModel.objects.filter(user_id=user.pk).select_related(*CHECKOUT_RELATED)
    if channel is not None:
        queryset = queryset.filter(channel__slug=channel)
    return queryset


class User(graphene.ObjectType):
    email = graphene.String(required=True)
    first_name = graphene.String(required=True, description="The user's full name.")
    last_name = graphene.String(required=True, description="Empty: see `firstName`.")
    name = graphene.String(required=True, description="Sunshine Market: the user's name.")
    is_staff = graphene.Boolean(required=True)
    is_active = graphene.Boolean(required=True)
    is_confirmed = graphene.Boolean(required=True)
    date_joined = graphene.DateTime(required=True)
    last_login = graphene.DateTime()
    orders = connection_field(OrderCountableConnection, description="List of user's orders.")
    checkouts = connection_field(
        CheckoutCountableConnection,
        description="Returns checkouts assigned to this user.",
        channel=graphene.String(
            description="Slug of a channel for which the data should be returned."
        ),
    )
    checkout_ids = graphene.List(
        graphene.NonNull(graphene.ID),
        channel=graphene.String(),
        description="Returns the checkout ID's assigned to this user.",
    )
    checkout_tokens = graphene.List(
        graphene.NonNull(graphene.UUID),
        channel=graphene.String(),
        deprecation_reason="Use `checkoutIds` instead.",
    )

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Represents user data."

    @staticmethod
    def resolve_id(root: UserModel, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_email(root: UserModel, info: GraphQLResolveInfo) -> str:
        return root.email or ""

    @staticmethod
    def resolve_first_name(root: UserModel, info: GraphQLResolveInfo) -> str:
        return root.name

    @staticmethod
    def resolve_last_name(root: UserModel, info: GraphQLResolveInfo) -> str:
        return ""

    @staticmethod
    def resolve_is_confirmed(root: UserModel, info: GraphQLResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_date_joined(root: UserModel, info: GraphQLResolveInfo) -> datetime:
        return root.date_joined

    @staticmethod
    def resolve_orders(root: UserModel, info: GraphQLResolveInfo, **args: Any) -> Any:
        page = page_args(args, "orders")
        return build_connection(
            OrderCountableConnection, slice_queryset(orders_for_customer(root), ORDER_SORT, page)
        )

    @staticmethod
    def resolve_checkouts(
        root: UserModel, info: GraphQLResolveInfo, channel: str | None = None, **args: Any
    ) -> Any:
        page = page_args(args, "checkouts")
        return build_connection(
            CheckoutCountableConnection,
            slice_queryset(checkouts_of(root, channel), CHECKOUT_SORT, page),
        )

    @staticmethod
    def resolve_checkout_ids(
        root: UserModel, info: GraphQLResolveInfo, channel: str | None = None
    ) -> list[str]:
        tokens = checkouts_of(root, channel).order_by("-last_change").values_list("pk", flat=True)
        return [to_global_id("Checkout", str(token)) for token in tokens]

    @staticmethod
    def resolve_checkout_tokens(
        root: UserModel, info: GraphQLResolveInfo, channel: str | None = None
    ) -> list[Any]:
        return list(
            checkouts_of(root, channel).order_by("-last_change").values_list("pk", flat=True)
        )
