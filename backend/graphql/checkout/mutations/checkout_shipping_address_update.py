"""`checkoutShippingAddressUpdate`: the delivery address, read from Saleor's AddressInput."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.checkout.details import update_checkout_shipping_address
from backend.graphql.checkout.address import AddressInput, clean_address_input
from backend.graphql.checkout.errors import CheckoutError, checkout_service_errors
from backend.graphql.checkout.mutations.base import CheckoutIdArguments, checkout_for_write
from backend.graphql.checkout.types import Checkout
from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import BaseMutation


class CheckoutShippingAddressUpdate(BaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutIdArguments):
        shipping_address = AddressInput(
            required=True,
            description="The mailing address to where the checkout will be shipped.",
        )

    class Meta:
        description = "Update shipping address in the existing checkout."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        address = clean_address_input(data["shipping_address"])
        checkout = checkout_for_write(info, **data)
        with checkout_service_errors():
            checkout = update_checkout_shipping_address(
                checkout, **address.as_kwargs(), actor=current_user(info)
            )
        return cls(checkout=checkout)
