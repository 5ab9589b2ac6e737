"""`checkoutDeliveryMethodUpdate`: choose (or clear) the delivery method."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.checkout.details import update_checkout_delivery_method
from backend.graphql.checkout.errors import CheckoutError, checkout_service_errors
from backend.graphql.checkout.inputs import parse_global_id
from backend.graphql.checkout.mutations.base import CheckoutIdArguments, checkout_for_write
from backend.graphql.checkout.types import Checkout
from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import BaseMutation


class CheckoutDeliveryMethodUpdate(BaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutIdArguments):
        delivery_method_id = graphene.ID(
            description="Delivery method ID (a `ShippingMethod`); null clears the choice."
        )

    class Meta:
        description = "Updates the delivery method of the checkout."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        global_id = data.get("delivery_method_id")
        method_id = (
            parse_global_id(global_id, "ShippingMethod", field="deliveryMethodId")
            if global_id is not None
            else None
        )
        checkout = checkout_for_write(info, **data)
        with checkout_service_errors():
            checkout = update_checkout_delivery_method(
                checkout, method_id, actor=current_user(info)
            )
        return cls(checkout=checkout)
