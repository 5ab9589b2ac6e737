"""Who may see an order page, reached by the order's token.

- An order placed while signed in belongs to that account: its owner sees everything; anyone
  else signed in gets the same 404 as for a token that does not exist; someone not signed in
  is asked to sign in first.
- An order placed without an account is reached by its token link (shown on the confirmation
  page and in the e-mail), as Saleor's `orderByToken`. The browser that placed it sees
  everything; anyone else with the link sees the order with the recipient masked and without
  the street address or e-mail.
"""

from __future__ import annotations

from enum import Enum
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from backend.orders.models import Order
from storefront.cart_session import placed_in_this_session, signed_in_user
from storefront.order_queries import get_order_for_page


class OrderAccess(Enum):
    FULL = "full"
    LINK = "link"
    SIGN_IN = "sign_in"
    NONE = "none"


def order_access(request: HttpRequest, order: Order) -> OrderAccess:
    user = signed_in_user(request)
    if order.user_id is not None:
        if user is None:
            return OrderAccess.SIGN_IN
        return OrderAccess.FULL if user.pk == order.user_id else OrderAccess.NONE
    if placed_in_this_session(request, order.token):
        return OrderAccess.FULL
    return OrderAccess.LINK


def viewable_order(request: HttpRequest, token: UUID) -> tuple[Order, OrderAccess]:
    """The order with what its page shows, and how much of it this viewer may see; a missing
    token and someone else's order are the same 404."""
    try:
        order = get_order_for_page(token)
    except Order.DoesNotExist:
        raise Http404("no such order") from None
    access = order_access(request, order)
    if access == OrderAccess.NONE:
        raise Http404("no such order")
    return order, access


def sign_in_redirect(request: HttpRequest) -> HttpResponseRedirect:
    sign_in = reverse("storefront:login")
    return HttpResponseRedirect(f"{sign_in}?{urlencode({'next': request.get_full_path()})}")
