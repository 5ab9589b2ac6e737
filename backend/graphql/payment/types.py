"""Payment gateways a checkout can be paid with (Saleor's `PaymentGateway`)."""

from __future__ import annotations

from dataclasses import dataclass

import graphene
from django.conf import settings
from graphql import GraphQLResolveInfo

from backend.payments.gateways import PaymentGateway as Gateway
from backend.payments.stripe_gateway import STRIPE_ID


@dataclass(frozen=True)
class GatewayConfigLineData:
    field: str
    value: str | None


class GatewayConfigLine(graphene.ObjectType):
    field = graphene.String(required=True, description="Gateway config key.")
    value = graphene.String(description="Gateway config value for key.")

    class Meta:
        description = "Payment gateway client configuration key and value pair."


class PaymentGateway(graphene.ObjectType):
    id = graphene.ID(
        required=True,
        description="Payment gateway ID: pass it to `checkoutComplete(paymentGateway:)`.",
    )
    name = graphene.String(required=True, description="Payment gateway name.")
    config = graphene.NonNull(
        graphene.List(graphene.NonNull(GatewayConfigLine)),
        description="Payment gateway client configuration.",
    )
    currencies = graphene.NonNull(
        graphene.List(graphene.NonNull(graphene.String)),
        description="Payment gateway supported currencies.",
    )

    class Meta:
        description = (
            "Available payment gateway backend with configuration necessary to setup client."
        )

    @staticmethod
    def resolve_id(root: Gateway, info: GraphQLResolveInfo) -> str:
        return root.id

    @staticmethod
    def resolve_name(root: Gateway, info: GraphQLResolveInfo) -> str:
        return str(root.name)

    @staticmethod
    def resolve_config(root: Gateway, info: GraphQLResolveInfo) -> list[GatewayConfigLineData]:
        if root.id == STRIPE_ID:
            key = getattr(settings, "STRIPE_PUBLISHABLE_KEY", "")
            return [GatewayConfigLineData("api_key", key or None)]
        return []

    @staticmethod
    def resolve_currencies(root: Gateway, info: GraphQLResolveInfo) -> list[str]:
        return [settings.DEFAULT_CURRENCY]
