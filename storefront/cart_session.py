"""Which checkout belongs to this browser: the token kept in the session.

- An anonymous buyer's cart is the checkout whose token the session holds.
- A signed-in buyer's cart is the session's checkout when it is theirs, else their latest one
  in the shop's channel (a cart started on another device).
- A cart started before signing in is kept: the first time it is used while signed in (the
  storefront sign-in page does it at once; the seller portal's sign-in does not know about
  carts) it is given to the buyer through `merge_anonymous_checkout_into_user`, which also adds
  the lines of their earlier cart.

The session also keeps small page state that has no place on the checkout: the chosen payment
method, the number of items for the header link, and the tokens of orders placed in this
session (so the buyer sees their own full address on the confirmation page).
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest

from backend.accounts.models import User
from backend.catalog.models import Channel
from backend.checkout.errors import CheckoutError
from backend.checkout.fetch import get_checkout
from backend.checkout.lines import LineInput, add_checkout_lines, create_checkout
from backend.checkout.merge import merge_anonymous_checkout_into_user
from backend.checkout.models import Checkout
from backend.warehouse.locks import CHECKOUT_RELATED

CHECKOUT_KEY = "checkout_token"
GATEWAY_KEY = "checkout_gateway"
ITEM_COUNT_KEY = "cart_item_count"
ORDERS_KEY = "placed_order_tokens"
MAX_REMEMBERED_ORDERS = 20


def signed_in_user(request: HttpRequest) -> User | None:
    user = request.user
    return user if user.is_authenticated else None  # type: ignore[return-value]


def _latest_checkout_of(user: User) -> Checkout | None:
    return (
        Checkout.objects.select_related(*CHECKOUT_RELATED)
        .filter(user_id=user.pk, channel__slug=settings.DEFAULT_CHANNEL_SLUG)
        .order_by("-last_change", "pk")
        .first()
    )


def checkout_for_request(request: HttpRequest) -> Checkout | None:
    """This browser's checkout, or None when it has none (or it was completed or deleted)."""
    user = signed_in_user(request)
    checkout = None
    token = request.session.get(CHECKOUT_KEY)
    if token:
        try:
            checkout = get_checkout(token)
        except Checkout.DoesNotExist:
            checkout = None
    if (
        checkout is not None
        and checkout.user_id is not None
        and checkout.user_id != (user.pk if user else None)
    ):
        checkout = None  # someone else's cart: never shown here
    if checkout is not None and checkout.user_id is None and user is not None:
        try:
            checkout = merge_anonymous_checkout_into_user(checkout, user, actor=user)
        except CheckoutError:
            checkout = None
    if checkout is None and user is not None:
        checkout = _latest_checkout_of(user)
    if checkout is None:
        forget_checkout(request)
    elif str(checkout.pk) != token:
        remember_checkout(request, checkout)
    return checkout


def remember_checkout(request: HttpRequest, checkout: Checkout) -> None:
    request.session[CHECKOUT_KEY] = str(checkout.pk)


def forget_checkout(request: HttpRequest) -> None:
    for key in (CHECKOUT_KEY, GATEWAY_KEY, ITEM_COUNT_KEY):
        if key in request.session:
            del request.session[key]


def remember_item_count(request: HttpRequest, count: int) -> None:
    if request.session.get(ITEM_COUNT_KEY) != count:
        request.session[ITEM_COUNT_KEY] = count


def item_count(request: HttpRequest) -> int:
    return int(request.session.get(ITEM_COUNT_KEY) or 0)


def chosen_gateway(request: HttpRequest) -> str:
    return str(request.session.get(GATEWAY_KEY) or "")


def remember_gateway(request: HttpRequest, gateway_id: str) -> None:
    request.session[GATEWAY_KEY] = gateway_id


def remember_order(request: HttpRequest, token: UUID) -> None:
    tokens = [t for t in request.session.get(ORDERS_KEY, []) if t != str(token)]
    request.session[ORDERS_KEY] = [str(token), *tokens][:MAX_REMEMBERED_ORDERS]


def placed_in_this_session(request: HttpRequest, token: UUID) -> bool:
    return str(token) in request.session.get(ORDERS_KEY, [])


def add_to_cart(request: HttpRequest, channel: Channel, lines: Sequence[LineInput]) -> Checkout:
    """Add lines to this browser's cart, starting one on the first add (one service either way).

    Raises what the checkout services raise: `CheckoutError`, `InsufficientStock`.
    """
    user = signed_in_user(request)
    checkout = checkout_for_request(request)
    if checkout is None:
        checkout = create_checkout(channel=channel, actor=user, user=user, lines=lines)
    else:
        checkout = add_checkout_lines(checkout, lines, actor=user)
    remember_checkout(request, checkout)
    return checkout
