"""Giving a buyer money back for a sub-order (`SellerAction.REFUND_ORDERS`).

The owner gives it back at once (`backend.payments.refunds.refund_sub_order`). A helper only
prepares it: the policy says it needs the seller's own confirmation, so a confirmation request
goes to the owner (`backend.sellers.confirmations`), who carries it out from the
confirmations page.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backend.orders.errors import OrderError
from backend.orders.lookups import get_sub_order_for_producer
from backend.orders.models import PaymentStatus, SubOrder
from backend.payments.errors import PaymentError
from backend.payments.refunds import refund_sub_order
from backend.sellers.confirmations import request_seller_confirmation
from backend.sellers.errors import SellerError
from backend.sellers.permissions import SellerAction, seller_policy
from seller_portal.refund_forms import RefundForm
from seller_portal.shops import portal_user, shop_for_request

REFUND = SellerAction.REFUND_ORDERS
PAID = (PaymentStatus.FULLY_CHARGED, PaymentStatus.PARTIALLY_REFUNDED)


def refundable_amount(sub_order: SubOrder) -> Decimal:
    """What can still be given back (nothing before the buyer has paid)."""
    if sub_order.order.payment_status not in PAID:
        return Decimal("0")
    return sub_order.total_amount - sub_order.refunded_amount


@require_http_methods(["GET", "POST"])
@login_required
def refund(request: HttpRequest, producer_id: int, sub_order_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, REFUND)
    try:
        sub_order = get_sub_order_for_producer(sub_order_id, shop)
    except SubOrder.DoesNotExist:
        raise Http404("no such order") from None
    detail_url = reverse("seller_portal:order_detail", args=[shop.pk, sub_order.pk])
    refundable = refundable_amount(sub_order)
    if refundable <= 0:
        messages.error(request, _("Nothing can be given back for this order."))
        return HttpResponseRedirect(detail_url)
    user = portal_user(request)
    needs_owner = seller_policy.requires_seller_confirmation(user, REFUND, shop)
    form = RefundForm(
        refundable,
        request.POST if request.method == "POST" else None,
        initial={"amount": refundable},
    )
    if request.method == "POST" and form.is_valid():
        amount = form.cleaned_data["amount"]
        try:
            if needs_owner:
                request_seller_confirmation(
                    shop,
                    action=REFUND,
                    actor=user,
                    summary=_("Give ¥%(amount)s back to the buyer of order %(number)s")
                    % {"amount": amount, "number": sub_order.order_id},
                    payload={"sub_order": sub_order.pk, "amount": str(amount)},
                )
            else:
                refund_sub_order(sub_order, amount=amount, actor=user)
        except (PaymentError, OrderError, SellerError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Sent to the seller to confirm. Nothing is given back until they confirm.")
                if needs_owner
                else _("¥%(amount)s given back to the buyer.") % {"amount": amount},
            )
            return HttpResponseRedirect(detail_url)
    context = {
        "form": form,
        "heading": _("Give the buyer money back"),
        "caption": _("Order %(number)s") % {"number": sub_order.order_id},
        "back_url": detail_url,
        "submit_label": _("Ask the seller to confirm") if needs_owner else _("Give it back"),
        "intro": _("The seller must confirm this before any money moves.")
        if needs_owner
        else _("The money goes back the way the buyer paid."),
    }
    return render(request, "seller_portal/question.html", context)
