"""A buyer's account pages: sign in and out, order history, one order with its tracking, and
the card payment page of a Stripe order (the one page that needs JavaScript)."""

from __future__ import annotations

from uuid import UUID

import stripe
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.orders.models import Order
from backend.payments.errors import PaymentError
from backend.payments.stripe_gateway import start_stripe_payment
from storefront import cart_session
from storefront.checkout_forms import SignInForm
from storefront.order_access import OrderAccess, sign_in_redirect, viewable_order
from storefront.order_queries import order_detail, order_history
from storefront.paging import pagination_for


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if form.is_valid() and form.user is not None:
        login(request, form.user)
        # Keep the cart this browser started before signing in (merged into the account's).
        cart_session.checkout_for_request(request)
        return HttpResponseRedirect(_safe_next(request, reverse("storefront:orders")))
    context = {"form": form, "next": _safe_next(request, "")}
    return render(request, "storefront/account/sign_in.html", context)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponseRedirect(reverse("storefront:home"))


@require_safe
def orders(request: HttpRequest) -> HttpResponse:
    user = cart_session.signed_in_user(request)
    if user is None:
        return sign_in_redirect(request)
    history = order_history(user, request.GET.get("page"))
    context = {"history": history, "pagination": pagination_for(history.page, request.GET)}
    return render(request, "storefront/account/orders.html", context)


@require_safe
def order(request: HttpRequest, token: UUID) -> HttpResponse:
    found, access = viewable_order(request, token)
    if access == OrderAccess.SIGN_IN:
        return sign_in_redirect(request)
    detail = order_detail(
        found,
        full_address=access == OrderAccess.FULL,
        viewer_is_buyer=found.user_id is not None and found.user_id == request.user.pk,
    )
    return render(request, "storefront/account/order.html", {"order": detail})


@require_safe
def pay(request: HttpRequest, token: UUID) -> HttpResponse:
    """Stripe's payment element for a card, Alipay or WeChat Pay order (needs JavaScript)."""
    found, access = viewable_order(request, token)
    if access != OrderAccess.FULL:
        return sign_in_redirect(request) if access == OrderAccess.SIGN_IN else _link_only(found)
    confirmation = reverse("storefront:order_confirmation", args=[found.token])
    try:
        session = start_stripe_payment(found)
    except PaymentError:
        # Paid already, cancelled, or not a Stripe order: the confirmation page says which.
        return HttpResponseRedirect(confirmation)
    except stripe.StripeError:
        context = {"order": order_detail(found, full_address=True), "unreachable": True}
        return render(request, "storefront/checkout/pay.html", context, status=503)
    context = {
        "order": order_detail(found, full_address=True),
        "client_secret": session.client_secret,
        "publishable_key": session.publishable_key,
        "return_url": request.build_absolute_uri(f"{confirmation}?{urlencode({'paid': 'stripe'})}"),
    }
    return render(request, "storefront/checkout/pay.html", context)


def _link_only(found: Order) -> HttpResponse:
    """Someone with only the link cannot pay from another browser: show the order instead."""
    return HttpResponseRedirect(reverse("storefront:order", args=[found.token]))
