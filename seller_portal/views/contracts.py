"""Contracts in the seller portal: a shop's direct-sourcing contracts with enterprises, one
contract with its progress and deliveries, signing it (the owner only), scheduling a delivery
(the owner or an orders helper; it then appears under "orders to ship"), ending it, and the PDF.
The same services and forms as the enterprise portal's pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.procurement.contracts import sign_contract, terminate_contract
from backend.procurement.errors import ProcurementError
from backend.procurement.lookups import contracts_for_actor
from backend.procurement.models import Contract
from backend.procurement.progress import contract_progress
from backend.producers.models import Producer
from backend.sellers.permissions import SellerAction
from enterprise_portal.contract_forms import TerminateForm
from enterprise_portal.views.contracts import (
    detail_context,
    pdf_response,
    schedule_page,
    service_error,
)
from seller_portal.shops import portal_user, shop_for_request

BASE = "seller_portal/base.html"


def _contract(request: HttpRequest, shop: Producer, contract_id: int) -> Contract:
    try:
        return (
            contracts_for_actor(portal_user(request))
            .filter(producer_id=shop.pk)
            .select_related("delivery_site", "enterprise_signed_by", "producer_signed_by")
            .get(pk=contract_id)
        )
    except Contract.DoesNotExist:
        raise Http404("no such contract") from None


def _shop(request: HttpRequest, producer_id: int) -> Producer:
    return shop_for_request(request, producer_id, SellerAction.VIEW_ORDERS)


def _detail_url(shop: Producer, contract: Contract) -> str:
    return reverse("seller_portal:contract_detail", args=[shop.pk, contract.pk])


@require_safe
@login_required
def contract_list(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = _shop(request, producer_id)
    contracts = list(
        contracts_for_actor(portal_user(request))
        .filter(producer_id=shop.pk)
        .order_by("-created_at", "-pk")[:200]
    )
    progress = contract_progress(c.pk for c in contracts)
    context = {"shop": shop, "rows": [(c, progress[c.pk]) for c in contracts]}
    return render(request, "seller_portal/contracts/list.html", context)


@require_safe
@login_required
def contract_detail(request: HttpRequest, producer_id: int, contract_id: int) -> HttpResponse:
    shop = _shop(request, producer_id)
    contract = _contract(request, shop, contract_id)
    context = {"shop": shop, **detail_context(request, contract)}
    return render(request, "seller_portal/contracts/detail.html", context)


@require_POST
@login_required
def contract_sign(request: HttpRequest, producer_id: int, contract_id: int) -> HttpResponse:
    shop = _shop(request, producer_id)
    contract = _contract(request, shop, contract_id)
    try:
        sign_contract(contract, actor=portal_user(request))
    except ProcurementError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("You signed the contract."))
    return HttpResponseRedirect(_detail_url(shop, contract))


@require_http_methods(["GET", "POST"])
@login_required
def contract_terminate(request: HttpRequest, producer_id: int, contract_id: int) -> HttpResponse:
    shop = _shop(request, producer_id)
    contract = _contract(request, shop, contract_id)
    form = TerminateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            terminate_contract(
                contract, actor=portal_user(request), reason=form.cleaned_data["reason"]
            )
        except ProcurementError as error:
            service_error(form, error)
        else:
            messages.success(request, _("The contract has ended."))
            return HttpResponseRedirect(_detail_url(shop, contract))
    context = {
        "shop": shop,
        "contract": contract,
        "form": form,
        "back_url": _detail_url(shop, contract),
        "base_template": BASE,
    }
    return render(request, "enterprise_portal/contracts/terminate.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def delivery_new(request: HttpRequest, producer_id: int, contract_id: int) -> HttpResponse:
    shop = _shop(request, producer_id)
    contract = _contract(request, shop, contract_id)
    return schedule_page(
        request, contract, base=BASE, back_url=_detail_url(shop, contract), extra={"shop": shop}
    )


@require_safe
@login_required
def contract_pdf(request: HttpRequest, producer_id: int, contract_id: int) -> HttpResponse:
    shop = _shop(request, producer_id)
    return pdf_response(_contract(request, shop, contract_id))
