"""Cart and checkout pages: parse with a form, call one checkout service, render shapes.

The steps are separate pages (GOV.UK "one thing per page"): contact → province → address →
delivery → payment → review. Each step saves and goes on to the next; a "change" link on the
review page adds `?return=review` so the step goes back to the review after saving. Every page
works without JavaScript; a failed step shows the answers given and an error summary.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.checkout.details import (
    update_checkout_delivery_method,
    update_checkout_email,
    update_checkout_pickup_point,
    update_checkout_shipping_address,
)
from backend.checkout.errors import CheckoutError, CheckoutNotReady
from backend.checkout.lines import (
    LineInput,
    delete_checkout_lines,
    max_line_quantity,
    update_checkout_lines,
)
from backend.checkout.models import Checkout, CheckoutLine
from backend.orders.complete_checkout import complete_checkout
from backend.payments.errors import PaymentError
from backend.payments.stripe_gateway import STRIPE_ID
from backend.regions.models import Region
from backend.warehouse.errors import InsufficientStock
from storefront import cart_queries, cart_session, checkout_delivery_choices
from storefront.checkout_forms import (
    ADDRESS_FIELDS,
    AddressForm,
    ContactForm,
    DeliveryForm,
    LineQuantityForm,
    PaymentForm,
    ProvinceForm,
    add_service_errors,
)
from storefront.order_access import OrderAccess, sign_in_redirect, viewable_order
from storefront.order_queries import order_detail

RETURN_TO_REVIEW = "review"


def _returning(request: HttpRequest) -> bool:
    return request.GET.get("return") == RETURN_TO_REVIEW


def _next(request: HttpRequest, name: str) -> HttpResponseRedirect:
    target = "storefront:checkout_review" if _returning(request) else name
    return HttpResponseRedirect(reverse(target))


def _with_return(request: HttpRequest, url: str, **params: str) -> str:
    if _returning(request):
        params["return"] = RETURN_TO_REVIEW
    return f"{url}?{urlencode(params)}" if params else url


def _to_cart() -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("storefront:cart"))


# --- Cart --------------------------------------------------------------------------------


def _render_cart(
    request: HttpRequest,
    checkout: Checkout | None,
    *,
    error_form: LineQuantityForm | None = None,
    error_line_id: int | None = None,
) -> HttpResponse:
    summary = cart_queries.cart_summary(checkout)
    cart_session.remember_item_count(request, summary.item_count)
    context = {
        "cart": summary,
        "error_form": error_form,
        "error_line_id": error_line_id,
        "max_quantity": max_line_quantity(),
    }
    return render(request, "storefront/cart.html", context)


@require_safe
def cart(request: HttpRequest) -> HttpResponse:
    return _render_cart(request, cart_session.checkout_for_request(request))


def _line_of(request: HttpRequest, line_id: int) -> tuple[Checkout, CheckoutLine]:
    checkout = cart_session.checkout_for_request(request)
    if checkout is None:
        raise Http404("no cart")
    try:
        return checkout, cart_queries.get_cart_line(checkout, line_id)
    except CheckoutLine.DoesNotExist:
        raise Http404("not a line of this cart") from None


@require_POST
def cart_line_update(request: HttpRequest, line_id: int) -> HttpResponse:
    checkout, line = _line_of(request, line_id)
    form = LineQuantityForm(request.POST, line_id=line.pk)
    if form.is_valid():
        quantity = form.cleaned_data["quantity"]
        try:
            update_checkout_lines(
                checkout,
                [LineInput(line.variant_id, quantity)],
                actor=cart_session.signed_in_user(request),
            )
        except CheckoutError as error:
            add_service_errors(form, error, {"lines": "quantity"})
        except InsufficientStock as error:
            form.add_stock_error(error)
        else:
            if quantity == 0:
                messages.success(request, gettext("The item was removed from your cart."))
            else:
                messages.success(request, gettext("The quantity was changed."))
            return _to_cart()
    return _render_cart(request, checkout, error_form=form, error_line_id=line.pk)


@require_POST
def cart_line_remove(request: HttpRequest, line_id: int) -> HttpResponse:
    checkout, line = _line_of(request, line_id)
    try:
        delete_checkout_lines(checkout, [line.pk], actor=cart_session.signed_in_user(request))
    except CheckoutError:
        raise Http404("not a line of this cart") from None
    messages.success(request, gettext("The item was removed from your cart."))
    return _to_cart()


# --- Checkout steps ----------------------------------------------------------------------


def _checkout_with_lines(request: HttpRequest) -> Checkout | None:
    checkout = cart_session.checkout_for_request(request)
    if checkout is None or not cart_queries.has_lines(checkout):
        return None
    return checkout


def _step(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    context.setdefault("returning", _returning(request))
    return render(request, f"storefront/checkout/{template}", context)


@require_safe
def checkout_start(request: HttpRequest) -> HttpResponse:
    if _checkout_with_lines(request) is None:
        return _to_cart()
    return HttpResponseRedirect(reverse("storefront:checkout_contact"))


@require_http_methods(["GET", "HEAD", "POST"])
def checkout_contact(request: HttpRequest) -> HttpResponse:
    checkout = _checkout_with_lines(request)
    if checkout is None:
        return _to_cart()
    user = cart_session.signed_in_user(request)
    initial = {"email": checkout.email or (user.email if user else "") or ""}
    form = ContactForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            update_checkout_email(checkout, form.cleaned_data["email"], actor=user)
        except CheckoutError as error:
            add_service_errors(form, error, {"email": "email"})
        else:
            return _next(request, "storefront:checkout_address")
    return _step(request, "contact.html", {"form": form})


@require_safe
def checkout_province(request: HttpRequest) -> HttpResponse:
    """A GET form: choosing a province changes nothing until the address is saved."""
    checkout = _checkout_with_lines(request)
    if checkout is None:
        return _to_cart()
    province = checkout.shipping_province
    form = ProvinceForm(
        cart_queries.provinces(),
        {"province": request.GET["province"]} if "province" in request.GET else None,
        initial={"province": province.province_code if province else ""},
    )
    if form.is_valid():
        url = reverse("storefront:checkout_address")
        province_code = form.cleaned_data["province"]
        return HttpResponseRedirect(_with_return(request, url, province=province_code))
    return _step(request, "province.html", {"form": form})


def _address_initial(checkout: Checkout, province_code: str) -> dict[str, Any]:
    county = checkout.shipping_county
    same_province = county is not None and county.province_code == province_code
    return {
        "recipient_name": checkout.recipient_name,
        "mobile": cart_queries.display_mobile(checkout.mobile) if checkout.mobile else "",
        "county": county.pk if same_province and county else None,
        "address_detail": checkout.address_detail,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def checkout_address(request: HttpRequest) -> HttpResponse:
    checkout = _checkout_with_lines(request)
    if checkout is None:
        return _to_cart()
    saved = checkout.shipping_province
    code = request.GET.get("province") or (saved.province_code if saved else "")
    try:
        province = cart_queries.get_province(code)
    except Region.DoesNotExist:
        return HttpResponseRedirect(_with_return(request, reverse("storefront:checkout_province")))
    form = AddressForm(
        cart_queries.county_choices(province.province_code),
        request.POST if request.method == "POST" else None,
        initial=_address_initial(checkout, province.province_code),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            update_checkout_shipping_address(
                checkout,
                recipient_name=data["recipient_name"],
                mobile=data["mobile"],
                county_id=data["county"],
                address_detail=data["address_detail"],
                actor=cart_session.signed_in_user(request),
            )
        except CheckoutError as error:
            add_service_errors(form, error, ADDRESS_FIELDS)
        else:
            return _next(request, "storefront:checkout_delivery")
    context = {
        "form": form,
        "province": province,
        "action": _with_return(request, request.path, province=province.province_code),
        "change_province_url": _with_return(request, reverse("storefront:checkout_province")),
    }
    return _step(request, "address.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def checkout_delivery(request: HttpRequest) -> HttpResponse:
    checkout = _checkout_with_lines(request)
    if checkout is None:
        return _to_cart()
    if not checkout.has_shipping_address:
        return HttpResponseRedirect(reverse("storefront:checkout_address"))
    choices = checkout_delivery_choices.delivery_choices(checkout)
    form = DeliveryForm(
        choices.values,
        request.POST if request.method == "POST" else None,
        initial={"delivery_method": choices.chosen},
    )
    if form.is_valid():
        method_id, point_id = checkout_delivery_choices.parse_choice(
            form.cleaned_data["delivery_method"]
        )
        actor = cart_session.signed_in_user(request)
        try:
            if point_id is not None:
                update_checkout_pickup_point(checkout, point_id, actor=actor)
            else:
                update_checkout_delivery_method(checkout, method_id, actor=actor)
        except CheckoutError as error:
            add_service_errors(
                form,
                error,
                {"delivery_method_id": "delivery_method", "shipping_address": "delivery_method"},
            )
        else:
            return _next(request, "storefront:checkout_payment")
    return _step(request, "delivery.html", {"form": form, "choices": choices})


@require_http_methods(["GET", "HEAD", "POST"])
def checkout_payment(request: HttpRequest) -> HttpResponse:
    checkout = _checkout_with_lines(request)
    if checkout is None:
        return _to_cart()
    options = cart_queries.payment_options()
    form = PaymentForm(
        options,
        request.POST if request.method == "POST" else None,
        initial={"gateway": cart_session.chosen_gateway(request)},
    )
    if form.is_valid():
        # The choice is used when the order is placed; nothing to save on the checkout.
        cart_session.remember_gateway(request, form.cleaned_data["gateway"])
        return _next(request, "storefront:checkout_review")
    return _step(request, "payment.html", {"form": form, "options": options})


def _render_review(
    request: HttpRequest, checkout: Checkout, *, failed: bool = False
) -> HttpResponse:
    review = cart_queries.checkout_review(checkout, cart_session.chosen_gateway(request))
    cart_session.remember_item_count(request, review.cart.item_count)
    return _step(request, "review.html", {"review": review, "failed": failed})


@require_http_methods(["GET", "HEAD", "POST"])
def checkout_review(request: HttpRequest) -> HttpResponse:
    checkout = cart_session.checkout_for_request(request)
    if checkout is None:
        return _to_cart()
    if request.method != "POST":
        return _render_review(request, checkout)
    gateway = cart_session.chosen_gateway(request)
    try:
        order = complete_checkout(
            checkout, actor=cart_session.signed_in_user(request), gateway=gateway
        )
    except (CheckoutNotReady, InsufficientStock, PaymentError):
        # The review lists every problem (re-read now) with what to do about it.
        return _render_review(request, checkout, failed=True)
    except CheckoutError:
        return _to_cart()
    cart_session.forget_checkout(request)
    cart_session.remember_order(request, order.token)
    name = "storefront:checkout_pay" if gateway == STRIPE_ID else "storefront:order_confirmation"
    return HttpResponseRedirect(reverse(name, args=[order.token]))


# --- After the order ---------------------------------------------------------------------


@require_safe
def order_confirmation(request: HttpRequest, token: UUID) -> HttpResponse:
    order, access = viewable_order(request, token)
    if access == OrderAccess.SIGN_IN:
        return sign_in_redirect(request)
    detail = order_detail(order, full_address=access == OrderAccess.FULL)
    return render(request, "storefront/checkout/confirmation.html", {"order": detail})
