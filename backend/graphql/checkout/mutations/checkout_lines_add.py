"""`checkoutLinesAdd`: add quantities to a cart (to the existing line of the same variant)."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.checkout.lines import add_checkout_lines
from backend.graphql.checkout.errors import CheckoutError, checkout_service_errors
from backend.graphql.checkout.inputs import CheckoutLineInput, clean_lines
from backend.graphql.checkout.mutations.base import CheckoutIdArguments, checkout_for_write
from backend.graphql.checkout.types import Checkout
from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import BaseMutation


class CheckoutLinesAdd(BaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutIdArguments):
        lines = graphene.List(
            graphene.NonNull(CheckoutLineInput),
            required=True,
            description="A list of checkout lines, each containing information about an item.",
        )

    class Meta:
        description = "Adds a checkout line to the existing checkout."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        lines = clean_lines(data["lines"], allow_zero=False)
        checkout = checkout_for_write(info, **data)
        with checkout_service_errors(channel_id=checkout.channel_id):
            checkout = add_checkout_lines(checkout, lines, actor=current_user(info))
        return cls(checkout=checkout)
