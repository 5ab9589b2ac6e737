"""Contracts in the enterprise portal: the list, one contract with its progress and deliveries,
its next step (propose, sign, activate, complete, terminate — only the steps the user's role
allows are offered, and the service checks again), scheduling a delivery, checking a delivery's
quality, and the contract as a PDF.

The seller portal's contract pages use the same forms (`enterprise_portal.contract_forms`) and
the helpers below (`detail_context`, `schedule_page`, `pdf_response`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.accounts.models import User
from backend.enterprises.models import Enterprise
from backend.enterprises.permissions import EnterpriseAction
from backend.procurement.contract_pdf import render_contract_pdf
from backend.procurement.contracts import (
    activate_contract,
    complete_contract,
    create_contract,
    propose_contract,
    sign_contract,
    terminate_contract,
)
from backend.procurement.deliveries import cancel_delivery, schedule_delivery
from backend.procurement.errors import ProcurementError
from backend.procurement.lookups import contracts_for_actor
from backend.procurement.models import (
    Contract,
    ProcurementOrder,
    ProcurementOrderStatus,
)
from backend.procurement.permissions import ContractAction, contract_policy, may_draft_for
from backend.procurement.progress import contract_progress
from backend.producers.models import Producer
from enterprise_portal.contract_forms import (
    SERVICE_FIELDS,
    AcceptanceForm,
    CancelDeliveryForm,
    ContractDraftForm,
    DeliveryForm,
    ProducerSearchForm,
    TerminateForm,
)
from enterprise_portal.enterprises import (
    enterprise_for_request,
    member_login_required,
    portal_user,
)
from enterprise_portal.navigation import enterprise_nav
from enterprise_portal.quality_checks import record_quality_check

STEPS: dict[str, tuple[ContractAction, Callable[..., Contract], Any]] = {
    "propose": (ContractAction.PROPOSE, propose_contract, _("Contract proposed to the producer.")),
    "sign": (ContractAction.SIGN_FOR_ENTERPRISE, sign_contract, _("You signed the contract.")),
    "activate": (ContractAction.ACTIVATE, activate_contract, _("The contract is active.")),
    "complete": (ContractAction.COMPLETE, complete_contract, _("The contract is completed.")),
}


def service_error(form: forms.Form, error: ProcurementError) -> None:
    """Show a service's refusal on the form (the message says what and why)."""
    form.add_error(None, str(error.message))


def pdf_response(contract: Contract) -> HttpResponse:
    progress = contract_progress([contract.pk])[contract.pk]
    deliveries = list(contract.deliveries.order_by("delivery_date", "pk"))
    response = HttpResponse(
        render_contract_pdf(contract, progress, deliveries), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{contract.number}.pdf"'
    return response


# ---- enterprise pages --------------------------------------------------------------------


def _contract(request: HttpRequest, enterprise: Enterprise, contract_id: int) -> Contract:
    try:
        return (
            contracts_for_actor(portal_user(request))
            .filter(enterprise_id=enterprise.pk)
            .select_related("delivery_site", "enterprise_signed_by", "producer_signed_by")
            .get(pk=contract_id)
        )
    except Contract.DoesNotExist:
        raise Http404("no such contract") from None


def _enterprise(request: HttpRequest, enterprise_id: int) -> Enterprise:
    return enterprise_for_request(request, enterprise_id, EnterpriseAction.VIEW_CONTRACTS)


def _detail_url(contract: Contract) -> str:
    return reverse("enterprise_portal:contract_detail", args=[contract.enterprise_id, contract.pk])


@require_safe
@member_login_required
def contract_list(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = _enterprise(request, enterprise_id)
    contracts = list(
        contracts_for_actor(portal_user(request))
        .filter(enterprise_id=enterprise.pk)
        .order_by("-created_at", "-pk")[:200]
    )
    progress = contract_progress(c.pk for c in contracts)
    context = {
        **enterprise_nav(request, enterprise, "contracts"),
        "rows": [(c, progress[c.pk]) for c in contracts],
    }
    context["can_draft"] = may_draft_for(portal_user(request), enterprise.pk) and (
        enterprise.is_verified
    )
    return render(request, "enterprise_portal/contracts/list.html", context)


def detail_context(request: HttpRequest, contract: Contract) -> dict[str, Any]:
    user = portal_user(request)
    return {
        "contract": contract,
        "progress": contract_progress([contract.pk])[contract.pk],
        "deliveries": list(
            contract.deliveries.order_by("delivery_date", "pk").prefetch_related("lines")
        ),
        "allowed": {a.value for a in contract_policy.allowed_actions(user, contract)},
    }


@require_safe
@member_login_required
def contract_detail(request: HttpRequest, enterprise_id: int, contract_id: int) -> HttpResponse:
    enterprise = _enterprise(request, enterprise_id)
    contract = _contract(request, enterprise, contract_id)
    context = {
        **enterprise_nav(request, enterprise, "contracts"),
        **detail_context(request, contract),
    }
    return render(request, "enterprise_portal/contracts/detail.html", context)


@require_POST
@member_login_required
def contract_step(
    request: HttpRequest, enterprise_id: int, contract_id: int, step: str
) -> HttpResponse:
    enterprise = _enterprise(request, enterprise_id)
    contract = _contract(request, enterprise, contract_id)
    if step not in STEPS:
        raise Http404("no such step")
    _action, service, done = STEPS[step]
    try:
        service(contract, actor=portal_user(request))
    except ProcurementError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, str(done))
    return HttpResponseRedirect(_detail_url(contract))


@require_http_methods(["GET", "POST"])
@member_login_required
def contract_terminate(request: HttpRequest, enterprise_id: int, contract_id: int) -> HttpResponse:
    enterprise = _enterprise(request, enterprise_id)
    contract = _contract(request, enterprise, contract_id)
    form = TerminateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            terminate_contract(
                contract, actor=portal_user(request), reason=form.cleaned_data["reason"]
            )
        except ProcurementError as error:
            service_error(form, error)
        else:
            messages.success(request, _t("The contract has ended."))
            return HttpResponseRedirect(_detail_url(contract))
    context = {
        **enterprise_nav(request, enterprise, "contracts"),
        "contract": contract,
        "form": form,
        "back_url": _detail_url(contract),
        "base_template": "enterprise_portal/base.html",
    }
    return render(request, "enterprise_portal/contracts/terminate.html", context)


def schedule_page(
    request: HttpRequest, contract: Contract, *, base: str, back_url: str, extra: dict[str, Any]
) -> HttpResponse:
    """The delivery form (both portals)."""
    progress = contract_progress([contract.pk])[contract.pk]
    form = DeliveryForm(request.POST if request.method == "POST" else None, progress=progress)
    if request.method == "POST" and form.is_valid():
        try:
            delivery = schedule_delivery(
                contract,
                actor=portal_user(request),
                delivery_date=form.cleaned_data["delivery_date"],
                quantities=form.quantities(),
            )
        except ProcurementError as error:
            service_error(form, error)
        else:
            messages.success(
                request,
                _t("Delivery %(number)s scheduled; the stock is set aside.")
                % {"number": delivery.number},
            )
            return HttpResponseRedirect(back_url)
    context = {
        **extra,
        "contract": contract,
        "form": form,
        "back_url": back_url,
        "base_template": base,
        "today": datetime.date.today(),
    }
    return render(request, "enterprise_portal/contracts/delivery_new.html", context)


@require_http_methods(["GET", "POST"])
@member_login_required
def delivery_new(request: HttpRequest, enterprise_id: int, contract_id: int) -> HttpResponse:
    enterprise = _enterprise(request, enterprise_id)
    contract = _contract(request, enterprise, contract_id)
    return schedule_page(
        request,
        contract,
        base="enterprise_portal/base.html",
        back_url=_detail_url(contract),
        extra=enterprise_nav(request, enterprise, "contracts"),
    )


@require_http_methods(["GET", "POST"])
@member_login_required
def delivery_check(
    request: HttpRequest, enterprise_id: int, contract_id: int, delivery_id: int
) -> HttpResponse:
    enterprise = _enterprise(request, enterprise_id)
    contract = _contract(request, enterprise, contract_id)
    try:
        delivery = (
            contract.deliveries.select_related("order")
            .prefetch_related("lines")
            .get(pk=delivery_id)
        )
    except ProcurementOrder.DoesNotExist:
        raise Http404("no such delivery") from None
    user: User = portal_user(request)
    allowed = contract_policy.allowed_actions(user, contract)
    scheduled = delivery.status == ProcurementOrderStatus.SCHEDULED
    shipped = delivery.order.status in ("fulfilled", "completed")
    can_check = scheduled and ContractAction.ACCEPT_DELIVERY in allowed
    can_cancel = scheduled and not shipped and ContractAction.SCHEDULE_DELIVERY in allowed
    cancelling = request.method == "POST" and "cancel" in request.POST
    form = AcceptanceForm(
        request.POST if request.method == "POST" and not cancelling else None, delivery=delivery
    )
    cancel_form = CancelDeliveryForm(request.POST if cancelling else None, prefix="cancel")
    if cancelling:
        if not can_cancel:
            cancel_form.add_error(None, _t("This delivery cannot be cancelled by you now."))
        elif cancel_form.is_valid():
            try:
                cancel_delivery(delivery, actor=user, reason=cancel_form.cleaned_data["reason"])
            except ProcurementError as error:
                service_error(cancel_form, error)
            else:
                messages.success(request, _t("Delivery cancelled; its stock is released."))
                return HttpResponseRedirect(_detail_url(contract))
    elif request.method == "POST" and record_quality_check(
        request, delivery, form, actor=user, can_check=can_check
    ):
        return HttpResponseRedirect(_detail_url(contract))
    context = {
        **enterprise_nav(request, enterprise, "contracts"),
        "contract": contract,
        "delivery": delivery,
        "shipped": shipped,
        "can_check": can_check,
        "can_cancel": can_cancel,
        "form": form,
        "cancel_form": cancel_form,
    }
    return render(request, "enterprise_portal/contracts/delivery_check.html", context)


@require_safe
@member_login_required
def contract_pdf(request: HttpRequest, enterprise_id: int, contract_id: int) -> HttpResponse:
    enterprise = _enterprise(request, enterprise_id)
    return pdf_response(_contract(request, enterprise, contract_id))


# ---- drafting a contract -------------------------------------------------------------------


@require_safe
@member_login_required
def contract_new(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    """Step 1: find the producer."""
    enterprise = enterprise_for_request(request, enterprise_id, EnterpriseAction.MANAGE_CONTRACTS)
    form = ProducerSearchForm(request.GET if "q" in request.GET else None)
    producers: list[Producer] = []
    if form.is_bound and form.is_valid():
        producers = list(
            Producer.objects.filter(is_active=True, name__icontains=form.cleaned_data["q"])
            .select_related("region")
            .order_by("name", "pk")[:20]
        )
    context = {
        **enterprise_nav(request, enterprise, "contracts"),
        "form": form,
        "producers": producers,
        "searched": form.is_bound and not form.errors,
    }
    return render(request, "enterprise_portal/contracts/new.html", context)


@require_http_methods(["GET", "POST"])
@member_login_required
def contract_draft(request: HttpRequest, enterprise_id: int, producer_id: int) -> HttpResponse:
    """Step 2: the terms, for one producer's product."""
    enterprise = enterprise_for_request(request, enterprise_id, EnterpriseAction.MANAGE_CONTRACTS)
    try:
        producer = Producer.objects.filter(is_active=True).get(pk=producer_id)
    except Producer.DoesNotExist:
        raise Http404("no such producer") from None
    form = ContractDraftForm(
        request.POST if request.method == "POST" else None, producer=producer, enterprise=enterprise
    )
    if request.method == "POST" and form.is_valid():
        try:
            contract = create_contract(
                enterprise,
                actor=portal_user(request),
                producer=producer,
                terms=form.terms(),
                lines=form.lines(),
            )
        except ProcurementError as error:
            field = SERVICE_FIELDS.get(error.field or "")
            form.add_error(field, str(error.message))
        else:
            messages.success(
                request, _t("Draft contract %(number)s saved.") % {"number": contract.number}
            )
            return HttpResponseRedirect(_detail_url(contract))
    context = {
        **enterprise_nav(request, enterprise, "contracts"),
        "producer": producer,
        "form": form,
    }
    return render(request, "enterprise_portal/contracts/draft.html", context)
