"""Money-affecting actions a helper prepared, waiting for the seller's own confirmation
(owners only, `SellerAction.CONFIRM_MONEY_ACTIONS`).

Confirming records the answer (`backend.sellers.confirmations`) and then carries out what was
prepared, with the owner as the actor: a refund request names the sub-order and the amount in
its payload. Declining records the answer; nothing else happens.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from backend.accounts.models import User
from backend.orders.errors import OrderError
from backend.orders.lookups import get_sub_order_for_producer
from backend.orders.models import SubOrder
from backend.payments.errors import PaymentError
from backend.payments.refunds import refund_sub_order
from backend.producers.models import Producer
from backend.sellers.confirmations import confirm_seller_request, decline_seller_request
from backend.sellers.errors import SellerError, SellerErrorCode
from backend.sellers.lookups import pending_confirmations
from backend.sellers.models import ConfirmationRequest, ConfirmationStatus
from backend.sellers.permissions import SellerAction
from seller_portal.shops import portal_user, shop_for_request

CONFIRM = SellerAction.CONFIRM_MONEY_ACTIONS
RECENT = 10


def _list_url(shop: Producer) -> str:
    return reverse("seller_portal:confirmations", args=[shop.pk])


@require_safe
@login_required
def confirmation_list(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, CONFIRM)
    answered = (
        ConfirmationRequest.objects.filter(seller_id=shop.pk)
        .exclude(status=ConfirmationStatus.PENDING)
        .select_related("requested_by", "decided_by")
        .order_by("-decided_at", "-pk")[:RECENT]
    )
    context = {
        "shop": shop,
        "pending": list(pending_confirmations(shop)),
        "answered": list(answered),
    }
    return render(request, "seller_portal/confirmations.html", context)


def _carry_out(request_: ConfirmationRequest, shop: Producer, owner: User) -> str | None:
    """Do what was confirmed; None when done (or nothing to do), else why it failed."""
    payload = request_.payload or {}
    if request_.action != SellerAction.REFUND_ORDERS or "sub_order" not in payload:
        return None
    try:
        sub_order = get_sub_order_for_producer(int(payload["sub_order"]), shop)
        amount = Decimal(str(payload["amount"])) if payload.get("amount") else None
        refund_sub_order(sub_order, amount=amount, actor=owner)
    except (SubOrder.DoesNotExist, ValueError, InvalidOperation):
        return _("the order or the amount in the request is not right")
    except (OrderError, PaymentError) as error:
        return str(error)
    return None


@require_POST
@login_required
def confirmation_decide(request: HttpRequest, producer_id: int, request_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, CONFIRM)
    owner = portal_user(request)
    confirm = request.POST.get("decision") == "confirm"
    decide = confirm_seller_request if confirm else decline_seller_request
    try:
        answered = decide(request_id, seller=shop, actor=owner)
    except SellerError as error:
        if error.code == SellerErrorCode.NOT_FOUND:
            raise Http404("no such request") from None
        messages.error(request, str(error))
        return HttpResponseRedirect(_list_url(shop))
    if not confirm:
        messages.success(request, _("Declined. Nothing was done."))
        return HttpResponseRedirect(_list_url(shop))
    failure = _carry_out(answered, shop, owner)
    if failure is None:
        messages.success(request, _("Confirmed: %(summary)s") % {"summary": answered.summary})
    else:
        messages.error(
            request,
            _("Confirmed, but it could not be done: %(reason)s. The platform will look at it.")
            % {"reason": failure},
        )
    return HttpResponseRedirect(_list_url(shop))
