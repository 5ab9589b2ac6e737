"""`checkoutComplete`: place the order (split per producer) with the chosen payment gateway.

Saleor takes the payment before completing; here the order is placed with a pending payment
through the gateway the buyer chose (`paymentGateway`, or `paymentData: {"gateway": …}`):
an offline one (bank transfer, cash on delivery; an operator confirms the money) or Stripe,
whose payment the storefront then starts (`confirmationNeeded` is true). A repeated call for a
completed checkout returns the order already placed, as Saleor does.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.checkout.errors import CheckoutError as DomainCheckoutError
from backend.checkout.errors import CheckoutNotReady
from backend.graphql.checkout.access import checkout_token_from_args, visible_checkout
from backend.graphql.checkout.enums import CheckoutErrorCode
from backend.graphql.checkout.errors import (
    CheckoutError,
    domain_errors,
    insufficient_stock_error,
    not_ready_errors,
)
from backend.graphql.checkout.mutations.base import CheckoutIdArguments, checkout_for_write
from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import BaseMutation, MutationErrors
from backend.graphql.order import privacy
from backend.graphql.order.types import Order
from backend.orders.complete_checkout import complete_checkout, order_for_checkout
from backend.orders.models import Order as OrderModel
from backend.payments.errors import PaymentError
from backend.payments.gateways import get_gateway
from backend.warehouse.errors import InsufficientStock


def _gateway_id(payment_gateway: str | None, payment_data: Any) -> str:
    if payment_gateway:
        return payment_gateway
    gateway = payment_data.get("gateway") if isinstance(payment_data, dict) else None
    if not gateway:
        raise MutationErrors.of(
            CheckoutErrorCode.REQUIRED,
            field="paymentGateway",
            message=_("Choose how to pay."),
        )
    return str(gateway)


def _previous_order(info: GraphQLResolveInfo, data: dict[str, Any]) -> OrderModel | None:
    """The order a previous completion of this (now deleted) checkout placed, when the
    request may see that checkout's order."""
    token = checkout_token_from_args(
        id=data.get("id"), token=data.get("token"), checkout_id=data.get("checkout_id")
    )
    if visible_checkout(token, current_user(info)) is not None:
        return None
    order = order_for_checkout(token)
    viewer = current_user(info)
    if order is None or order.user_id not in (None, viewer.pk if viewer else None):
        return None
    return order


class CheckoutComplete(BaseMutation):
    order = graphene.Field(Order, description="Placed order.")
    confirmation_needed = graphene.Boolean(
        required=True,
        default_value=False,
        description="True when the payment must still be made (Stripe's payment element).",
    )
    confirmation_data = graphene.JSONString(
        description="Confirmation data used to process additional authorization steps."
    )

    class Arguments(CheckoutIdArguments):
        payment_gateway = graphene.String(
            description=("Sunshine Market: ID of one of the checkout's `availablePaymentGateways`.")
        )
        payment_data = graphene.JSONString(
            description='Client-side generated data; `{"gateway": "<id>"}` chooses the gateway.'
        )
        redirect_url = graphene.String(description="URL of a view to return to after paying.")

    class Meta:
        description = (
            "Completes the checkout: places the order, split into one sub-order per producer, "
            "with a pending payment through the chosen gateway."
        )
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        gateway_id = _gateway_id(data.get("payment_gateway"), data.get("payment_data"))
        try:
            gateway = get_gateway(gateway_id)
        except PaymentError:
            raise MutationErrors.of(
                CheckoutErrorCode.PAYMENT_ERROR,
                field="paymentGateway",
                message=_("This payment method is not available."),
            ) from None
        try:
            checkout = checkout_for_write(info, **data)
        except MutationErrors:
            previous = _previous_order(info, data)
            if previous is None:
                raise
            return cls.placed(previous, offline=gateway.is_offline)
        try:
            order = complete_checkout(checkout, actor=current_user(info), gateway=gateway.id)
        except CheckoutNotReady as exc:
            raise MutationErrors(not_ready_errors(exc, channel_id=checkout.channel_id)) from None
        except InsufficientStock as exc:
            raise MutationErrors([insufficient_stock_error(exc, field="lines")]) from None
        except DomainCheckoutError as exc:
            raise MutationErrors(domain_errors(exc, channel_id=checkout.channel_id)) from None
        return cls.placed(order, offline=gateway.is_offline)

    @classmethod
    def placed(cls, order: OrderModel, *, offline: bool) -> Any:
        privacy.reveal_to_requester(order)
        return cls(order=order, confirmation_needed=not offline, confirmation_data=None)
