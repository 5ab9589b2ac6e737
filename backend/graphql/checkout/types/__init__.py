"""Checkout types in Saleor 3's shapes."""

from backend.graphql.checkout.types.checkout import Checkout, CheckoutCountableConnection
from backend.graphql.checkout.types.delivery import DeliveryMethod, ShippingMethod
from backend.graphql.checkout.types.lines import (
    CheckoutLine,
    CheckoutLineProblem,
    CheckoutParcel,
    CheckoutProblem,
)

__all__ = [
    "Checkout",
    "CheckoutCountableConnection",
    "CheckoutLine",
    "CheckoutLineProblem",
    "CheckoutParcel",
    "CheckoutProblem",
    "DeliveryMethod",
    "ShippingMethod",
]
