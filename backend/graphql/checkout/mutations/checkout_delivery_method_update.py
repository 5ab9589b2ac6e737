"""`checkoutDeliveryMethodUpdate`: choose (or clear) the delivery method: a `ShippingMethod`
to the door, or a `Warehouse` — a pickup point near the address (`availableCollectionPoints`),
as Saleor 3 takes a collection point's ID."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo
from graphql_relay import from_global_id

from backend.checkout.details import (
    update_checkout_delivery_method,
    update_checkout_pickup_point,
)
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
            description=(
                "Delivery method ID: a `ShippingMethod`, or a `Warehouse` (collection point: "
                "a pickup point); null clears the choice."
            )
        )

    class Meta:
        description = "Updates the delivery method of the checkout."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        global_id = data.get("delivery_method_id")
        kind, pk = (None, None) if global_id is None else _parse_delivery_method_id(global_id)
        checkout = checkout_for_write(info, **data)
        with checkout_service_errors():
            if kind == "Warehouse":
                assert pk is not None
                checkout = update_checkout_pickup_point(checkout, pk, actor=current_user(info))
            else:
                checkout = update_checkout_delivery_method(checkout, pk, actor=current_user(info))
        return cls(checkout=checkout)


def _parse_delivery_method_id(global_id: str) -> tuple[str, int]:
    try:
        kind, _raw = from_global_id(global_id)
    except Exception:  # graphql-relay raises several kinds on garbage input
        kind = ""
    expected = kind if kind in ("Warehouse", "ShippingMethod") else "ShippingMethod"
    return expected, parse_global_id(global_id, expected, field="deliveryMethodId")
