"""Checkout problems (`backend.checkout.problems`) in plain words, each with what to do next.

The problem's own message says what is wrong ("Not enough in stock for this quantity."); the
advice names the item or parcel and the one thing that fixes it, and links to where to do it.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import reverse
from django.utils.translation import gettext

from backend.checkout.errors import CheckoutProblem, CheckoutProblemCode
from storefront.checkout_shapes import Notice

P = CheckoutProblemCode


DELIVERY_PROBLEMS = frozenset(
    {P.NOT_DELIVERABLE, P.COLD_CHAIN_NOT_AVAILABLE, P.PICKUP_POINT_NOT_SERVED}
)


def _line_advice(problem: CheckoutProblem, item_name: str) -> str:
    if problem.code in DELIVERY_PROBLEMS:
        return gettext(
            "We cannot send %(item)s there. Change the delivery address or pickup point, or "
            "remove it from your cart."
        ) % {"item": item_name}
    if problem.code == P.VARIANT_NOT_AVAILABLE:
        return gettext("Remove %(item)s from your cart to continue.") % {"item": item_name}
    available = problem.available_quantity or 0
    if available <= 0:
        return gettext("%(item)s has sold out. Remove it from your cart to continue.") % {
            "item": item_name
        }
    return gettext(
        "Only %(count)s of %(item)s can be sent. Change the quantity to %(count)s or fewer, "
        "or remove it."
    ) % {"count": available, "item": item_name}


def problem_notice(
    problem: CheckoutProblem,
    *,
    item_names: Mapping[int, str],
    producer_names: Mapping[int, str],
    delivery_method: str,
) -> Notice:
    """`item_names` by checkout line id, `producer_names` by producer id."""
    message = str(problem.message)
    if problem.line_id is not None:
        name = item_names.get(problem.line_id, "")
        return Notice(
            message=message,
            advice=_line_advice(problem, name),
            url=f"{reverse('storefront:cart')}#line-{problem.line_id}",
            link_text=gettext("Change %(item)s in your cart") % {"item": name},
            line_id=problem.line_id,
        )
    if problem.code == P.EMPTY:
        return Notice(
            message,
            gettext("Add something from the shop to your cart first."),
            reverse("storefront:home"),
            gettext("Go to the shop"),
        )
    if problem.code == P.EMAIL_REQUIRED:
        return Notice(
            message,
            gettext("We send your order confirmation to this address."),
            reverse("storefront:checkout_contact"),
            gettext("Enter your email address"),
        )
    if problem.code == P.SHIPPING_ADDRESS_REQUIRED:
        return Notice(
            message,
            gettext("Tell us where to send your parcels."),
            reverse("storefront:checkout_address"),
            gettext("Enter a delivery address"),
        )
    if problem.code == P.DELIVERY_METHOD_REQUIRED:
        return Notice(
            message,
            gettext("Choose how your parcels are sent."),
            reverse("storefront:checkout_delivery"),
            gettext("Choose a delivery method"),
        )
    if problem.code == P.DELIVERY_METHOD_NOT_AVAILABLE:
        producer = producer_names.get(problem.producer_id or 0, "")
        advice = (
            gettext(
                "%(method)s cannot carry the parcel from %(producer)s to this address. "
                "Choose another delivery method."
            )
            % {"method": delivery_method, "producer": producer}
            if producer
            else gettext("Choose another delivery method.")
        )
        return Notice(
            message,
            advice,
            reverse("storefront:checkout_delivery"),
            gettext("Choose a delivery method"),
        )
    if problem.code == P.PICKUP_POINT_NOT_AVAILABLE:
        return Notice(
            message,
            gettext("Choose another pickup point, or delivery to your door."),
            reverse("storefront:checkout_delivery"),
            gettext("Choose a delivery method"),
        )
    return Notice(message, gettext("Please try again later."))


def payment_notice() -> Notice:
    return Notice(
        gettext("Choose how to pay."),
        gettext("Choose a way to pay before you place the order."),
        reverse("storefront:checkout_payment"),
        gettext("Choose how to pay"),
    )
