"""`checkoutLinesDelete`: remove lines by ID."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.checkout.lines import delete_checkout_lines
from backend.graphql.checkout.errors import CheckoutError, checkout_service_errors
from backend.graphql.checkout.inputs import parse_global_id
from backend.graphql.checkout.mutations.base import CheckoutIdArguments, checkout_for_write
from backend.graphql.checkout.types import Checkout
from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import BaseMutation


class CheckoutLinesDelete(BaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutIdArguments):
        lines_ids = graphene.List(
            graphene.NonNull(graphene.ID), required=True, description="A list of checkout lines."
        )

    class Meta:
        description = "Deletes checkout lines."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        line_ids = [
            parse_global_id(gid, "CheckoutLine", field="linesIds") for gid in data["lines_ids"]
        ]
        checkout = checkout_for_write(info, **data)
        with checkout_service_errors(channel_id=checkout.channel_id):
            checkout = delete_checkout_lines(checkout, line_ids, actor=current_user(info))
        return cls(checkout=checkout)
