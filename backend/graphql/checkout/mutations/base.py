"""What the checkout mutations share: the arguments that name the checkout."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import graphene
from graphql import GraphQLResolveInfo

from backend.checkout.models import Checkout
from backend.graphql.checkout.access import access_checkout, checkout_token_from_args


class CheckoutIdArguments:
    """Saleor's `id`, with the deprecated `token` and `checkoutId` still accepted."""

    id = graphene.ID(description="The checkout's ID.")
    token = graphene.UUID(description="Checkout token.", deprecation_reason="Use `id` instead.")
    checkout_id = graphene.ID(
        description="The ID of the checkout.", deprecation_reason="Use `id` instead."
    )


def checkout_for_write(
    info: GraphQLResolveInfo,
    *,
    id: str | None = None,
    token: UUID | None = None,
    checkout_id: str | None = None,
    **_rest: Any,
) -> Checkout:
    found = checkout_token_from_args(id=id, token=token, checkout_id=checkout_id)
    return access_checkout(info, found, for_write=True)
