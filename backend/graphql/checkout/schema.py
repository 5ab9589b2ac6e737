"""Checkout queries and mutations with Saleor 3's names."""

from __future__ import annotations

from uuid import UUID

import graphene
from graphql import GraphQLError, GraphQLResolveInfo

from backend.checkout.models import Checkout as CheckoutModel
from backend.graphql.checkout.access import parse_checkout_id, visible_checkout
from backend.graphql.checkout.mutations.checkout_complete import CheckoutComplete
from backend.graphql.checkout.mutations.checkout_create import CheckoutCreate
from backend.graphql.checkout.mutations.checkout_delivery_method_update import (
    CheckoutDeliveryMethodUpdate,
)
from backend.graphql.checkout.mutations.checkout_email_update import CheckoutEmailUpdate
from backend.graphql.checkout.mutations.checkout_lines_add import CheckoutLinesAdd
from backend.graphql.checkout.mutations.checkout_lines_delete import CheckoutLinesDelete
from backend.graphql.checkout.mutations.checkout_lines_update import CheckoutLinesUpdate
from backend.graphql.checkout.mutations.checkout_shipping_address_update import (
    CheckoutShippingAddressUpdate,
)
from backend.graphql.checkout.types import Checkout
from backend.graphql.core.auth import current_user
from backend.graphql.core.fields import require_one_of
from backend.graphql.core.mutations import MutationErrors


class CheckoutQueries(graphene.ObjectType):
    checkout = graphene.Field(
        Checkout,
        id=graphene.ID(description="The checkout's ID."),
        token=graphene.UUID(
            description="The checkout's token.", deprecation_reason="Use `id` instead."
        ),
        description=(
            "Look up a checkout by ID: an anonymous checkout by anyone holding its ID, a "
            "user's checkout by that user only."
        ),
    )

    @staticmethod
    def resolve_checkout(
        root: None, info: GraphQLResolveInfo, id: str | None = None, token: UUID | None = None
    ) -> CheckoutModel | None:
        require_one_of(id=id, token=token)
        if id is not None:
            try:
                token = parse_checkout_id(id)
            except MutationErrors:
                raise GraphQLError(f"Couldn't resolve id: {id}.") from None
        assert token is not None
        return visible_checkout(token, current_user(info))


class CheckoutMutations(graphene.ObjectType):
    checkout_create = CheckoutCreate.Field()
    checkout_lines_add = CheckoutLinesAdd.Field()
    checkout_lines_update = CheckoutLinesUpdate.Field()
    checkout_lines_delete = CheckoutLinesDelete.Field()
    checkout_email_update = CheckoutEmailUpdate.Field()
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    checkout_complete = CheckoutComplete.Field()
