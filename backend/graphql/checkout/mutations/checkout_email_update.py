"""`checkoutEmailUpdate`: the buyer's e-mail address."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.checkout.details import update_checkout_email
from backend.graphql.checkout.errors import CheckoutError, checkout_service_errors
from backend.graphql.checkout.mutations.base import CheckoutIdArguments, checkout_for_write
from backend.graphql.checkout.types import Checkout
from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import BaseMutation


class CheckoutEmailUpdate(BaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutIdArguments):
        email = graphene.String(required=True, description="email.")

    class Meta:
        description = "Updates email address in the existing checkout object."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        checkout = checkout_for_write(info, **data)
        with checkout_service_errors():
            checkout = update_checkout_email(checkout, data["email"], actor=current_user(info))
        return cls(checkout=checkout)
