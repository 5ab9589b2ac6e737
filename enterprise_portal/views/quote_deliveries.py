"""A quote order in the enterprise portal: the delivery an accepted quote on a purchase request
became (a procurement order with no contract). The enterprise sees its lines and status and, once
the producer has shipped, records the quality check through the same form and service as a
contract delivery (`enterprise_portal.quality_checks`).

Roles as for contract deliveries: every member may look, only a role that may accept deliveries
(buyer, administrator) checks. Another enterprise's delivery, a contract delivery and a missing
id all answer 404.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.views.decorators.http import require_http_methods

from backend.accounts.models import User
from backend.enterprises.models import Enterprise
from backend.enterprises.permissions import EnterpriseAction
from backend.orders.models import OrderStatus
from backend.procurement.lookups import deliveries_for_actor
from backend.procurement.models import (
    ProcurementOrder,
    ProcurementOrderLine,
    ProcurementOrderStatus,
)
from backend.procurement.permissions import ContractAction, delivery_policy
from backend.sourcing.models import Quote
from enterprise_portal.contract_forms import AcceptanceForm
from enterprise_portal.enterprises import (
    enterprise_for_request,
    member_login_required,
    portal_user,
)
from enterprise_portal.navigation import enterprise_nav
from enterprise_portal.quality_checks import record_quality_check

SHIPPED = (OrderStatus.FULFILLED, OrderStatus.COMPLETED)


def quote_delivery_url(delivery: ProcurementOrder) -> str:
    return reverse("enterprise_portal:quote_delivery", args=[delivery.enterprise_id, delivery.pk])


def _quote_delivery(user: User, enterprise: Enterprise, delivery_id: int) -> ProcurementOrder:
    """The enterprise's contract-less delivery, or 404 alike for missing and not yours."""
    try:
        return (
            deliveries_for_actor(user, ContractAction.VIEW)
            .filter(enterprise_id=enterprise.pk, contract__isnull=True)
            .select_related("order", "accepted_by", "quote__request")
            .prefetch_related(
                Prefetch("lines", queryset=ProcurementOrderLine.objects.order_by("pk"))
            )
            .get(pk=delivery_id)
        )
    except ProcurementOrder.DoesNotExist:
        raise Http404("no such delivery") from None


def _quote_of(delivery: ProcurementOrder) -> Quote | None:
    try:
        return delivery.quote  # type: ignore[no-any-return]
    except Quote.DoesNotExist:
        return None


@require_http_methods(["GET", "POST"])
@member_login_required
def quote_delivery(request: HttpRequest, enterprise_id: int, delivery_id: int) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, EnterpriseAction.VIEW_CONTRACTS)
    user = portal_user(request)
    delivery = _quote_delivery(user, enterprise, delivery_id)
    shipped = delivery.order.status in SHIPPED
    can_check = (
        delivery.status == ProcurementOrderStatus.SCHEDULED
        and delivery_policy.instances_for(user, ContractAction.ACCEPT_DELIVERY)
        .filter(pk=delivery.pk)
        .exists()
    )
    form = AcceptanceForm(request.POST if request.method == "POST" else None, delivery=delivery)
    if request.method == "POST" and record_quality_check(
        request, delivery, form, actor=user, can_check=can_check
    ):
        return HttpResponseRedirect(quote_delivery_url(delivery))
    quote = _quote_of(delivery)
    context = {
        **enterprise_nav(request, enterprise, "requests"),
        "delivery": delivery,
        "quote": quote,
        "purchase": quote.request if quote is not None else None,
        "shipped": shipped,
        "can_check": can_check,
        "form": form,
        "check_intro": _t(
            "Enter the units that meet the request's quality needs. Rejected units go back to "
            "the producer and are not paid for."
        ),
    }
    return render(request, "enterprise_portal/quote_deliveries/detail.html", context)
