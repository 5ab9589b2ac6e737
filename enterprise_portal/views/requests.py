"""Purchase requests of one enterprise: the list, posting one, its quotes, accepting (in full or
in part) and declining them, closing or cancelling it. Views parse, authorise and call
`backend.sourcing` services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backend.enterprises.models import Enterprise
from backend.enterprises.permissions import EnterpriseAction, enterprise_policy
from backend.regions.models import Region, RegionLevel
from backend.sourcing.errors import SourcingError
from backend.sourcing.models import PurchaseRequest, Quote, QuoteStatus, RequestStatus
from backend.sourcing.quotes import accept_quote, decline_quote
from backend.sourcing.requests import RequestDraft, end_request, post_request
from enterprise_portal.enterprises import (
    enterprise_for_request,
    member_login_required,
    portal_user,
)
from enterprise_portal.navigation import enterprise_nav
from enterprise_portal.sourcing_forms import AcceptQuoteForm, RequestForm, add_sourcing_error
from seller_portal.region_choices import province_choices

A = EnterpriseAction
ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=12, decimal_places=3))


def _request_of(enterprise: Enterprise, request_id: int) -> PurchaseRequest:
    try:
        return PurchaseRequest.objects.select_related(
            "delivery_site", "region", "category", "enterprise"
        ).get(pk=request_id, enterprise_id=enterprise.pk)
    except PurchaseRequest.DoesNotExist:
        raise Http404("no such request") from None


def _quote_of(purchase: PurchaseRequest, quote_id: int) -> Quote:
    try:
        return Quote.objects.select_related("request").get(pk=quote_id, request_id=purchase.pk)
    except Quote.DoesNotExist:
        raise Http404("no such quote") from None


def _detail_url(enterprise: Enterprise, purchase: PurchaseRequest) -> str:
    return reverse("enterprise_portal:request_detail", args=[enterprise.pk, purchase.pk])


@member_login_required
def request_list(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.VIEW_REQUESTS)
    accepted = Q(quotes__status=QuoteStatus.ACCEPTED)
    rows = (
        PurchaseRequest.objects.filter(enterprise_id=enterprise.pk)
        .annotate(
            quote_count=Count("quotes", filter=~Q(quotes__status=QuoteStatus.WITHDRAWN)),
            accepted_fill=Coalesce(Sum("quotes__fill_accepted", filter=accepted), ZERO),
        )
        .order_by("-created_at", "-pk")
    )
    context = {
        **enterprise_nav(request, enterprise, "requests"),
        "rows": rows,
        "may_post": enterprise_policy.user_has_permission_for_instance(
            request.user, A.POST_REQUESTS, enterprise
        ),
    }
    return render(request, "enterprise_portal/requests/list.html", context)


@require_http_methods(["GET", "POST"])
@member_login_required
def request_new(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.POST_REQUESTS)
    form = RequestForm(
        enterprise, province_choices(), request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        region = (
            Region.objects.filter(level=RegionLevel.PROVINCE, code=data["province"]).first()
            if data["province"]
            else None
        )
        draft = RequestDraft(
            product_name=data["product_name"],
            quantity=data["quantity"],
            unit=data["unit"],
            deadline=data["deadline"],
            delivery_site=data["delivery_site"],
            grade=data["grade"],
            category=data["category"],
            region=region,
            notes=data["notes"],
        )
        try:
            purchase = post_request(enterprise, draft, actor=portal_user(request))
        except SourcingError as error:
            add_sourcing_error(form, error)
        else:
            messages.success(
                request, _("Your request is posted. Producers in the region are being told.")
            )
            return HttpResponseRedirect(_detail_url(enterprise, purchase))
    context: dict[str, Any] = {
        **enterprise_nav(request, enterprise, "requests"),
        "form": form,
        "heading": _("Post a purchase request"),
        "back_url": reverse("enterprise_portal:request_list", args=[enterprise.pk]),
        "submit_label": _("Post the request"),
        "intro": _("Producers in the region you choose are told and can send quotes."),
    }
    if not form.fields["delivery_site"].queryset.exists():  # type: ignore[attr-defined]
        context["no_sites"] = True
    return render(request, "enterprise_portal/requests/new.html", context)


@member_login_required
def request_detail(request: HttpRequest, enterprise_id: int, request_id: int) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.VIEW_REQUESTS)
    purchase = _request_of(enterprise, request_id)
    quotes = list(
        purchase.quotes.select_related(
            "producer", "producer__region", "variant__product", "procurement_order"
        )
        .exclude(status=QuoteStatus.WITHDRAWN)
        .order_by("unit_price_amount", "created_at", "pk")
    )
    accepted = sum(
        (q.fill_accepted for q in quotes if q.status == QuoteStatus.ACCEPTED), Decimal(0)
    )
    may_accept = purchase.status == RequestStatus.OPEN and (
        enterprise_policy.user_has_permission_for_instance(
            request.user, A.ACCEPT_QUOTES, enterprise
        )
    )
    context = {
        **enterprise_nav(request, enterprise, "requests"),
        "purchase": purchase,
        "quotes": quotes,
        "accepted": accepted,
        "remaining": max(purchase.quantity - accepted, Decimal(0)),
        "may_accept": may_accept,
        "may_end": purchase.status == RequestStatus.OPEN
        and enterprise_policy.user_has_permission_for_instance(
            request.user, A.POST_REQUESTS, enterprise
        ),
        "form_errors": request.session.pop("quote-errors", {}),
    }
    return render(request, "enterprise_portal/requests/detail.html", context)


@require_POST
@member_login_required
def quote_accept(
    request: HttpRequest, enterprise_id: int, request_id: int, quote_id: int
) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.ACCEPT_QUOTES)
    purchase = _request_of(enterprise, request_id)
    quote = _quote_of(purchase, quote_id)
    form = AcceptQuoteForm(request.POST)
    if not form.is_valid():
        request.session["quote-errors"] = {
            str(quote.pk): [str(e) for e in form.errors.get("units", [])]
        }
        return HttpResponseRedirect(_detail_url(enterprise, purchase) + f"#quote-{quote.pk}")
    try:
        accept_quote(quote, actor=portal_user(request), units=form.cleaned_data["units"])
    except SourcingError as error:
        request.session["quote-errors"] = {str(quote.pk): [error.message]}
        return HttpResponseRedirect(_detail_url(enterprise, purchase) + f"#quote-{quote.pk}")
    messages.success(
        request, _("Quote from %(producer)s accepted.") % {"producer": quote.producer.name}
    )
    return HttpResponseRedirect(_detail_url(enterprise, purchase))


@require_POST
@member_login_required
def quote_decline(
    request: HttpRequest, enterprise_id: int, request_id: int, quote_id: int
) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.ACCEPT_QUOTES)
    purchase = _request_of(enterprise, request_id)
    quote = _quote_of(purchase, quote_id)
    try:
        decline_quote(quote, actor=portal_user(request))
    except SourcingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Quote declined."))
    return HttpResponseRedirect(_detail_url(enterprise, purchase))


@require_POST
@member_login_required
def request_end(request: HttpRequest, enterprise_id: int, request_id: int) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.POST_REQUESTS)
    purchase = _request_of(enterprise, request_id)
    cancel = request.POST.get("action") == "cancel"
    try:
        end_request(purchase, actor=portal_user(request), cancel=cancel)
    except SourcingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Request cancelled.") if cancel else _("Request closed."))
    return HttpResponseRedirect(_detail_url(enterprise, purchase))
