"""Purchase requests a shop was invited to answer, its own quotes, sending one (never below the
protected floor) and withdrawing it. A shop sees only its own quotes: never another
producer's price or quantity."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from backend.catalog.models import ProductVariant
from backend.producers.models import Producer
from backend.sourcing.errors import SourcingError
from backend.sourcing.models import PurchaseRequest, Quote, RequestStatus
from backend.sourcing.permissions import QUOTE_ACTION, requests_for_producer
from backend.sourcing.quotes import QuoteDraft, submit_quote, withdraw_quote
from seller_portal.shops import portal_user, shop_for_request

FIELDS = {"unitPrice": "unit_price", "availableOn": "available_on", "units": "units"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs, format or "%Y-%m-%d")  # what <input type=date> understands


class QuoteForm(forms.Form):
    variant = forms.ModelChoiceField(
        label=gettext_lazy("Which of your products?"),
        queryset=ProductVariant.objects.none(),
        empty_label=gettext_lazy("Choose a product"),
        error_messages={
            "required": gettext_lazy("Choose one of your products"),
            "invalid_choice": gettext_lazy("Choose one of your products"),
        },
    )
    units = forms.IntegerField(
        label=gettext_lazy("How many units can you supply?"),
        help_text=gettext_lazy("Units of the product you chose, for example bags of 500 g"),
        min_value=1,
        error_messages={
            "required": gettext_lazy("Enter how many units you offer"),
            "invalid": gettext_lazy("Enter a whole number of units"),
            "min_value": gettext_lazy("Enter how many units you offer"),
        },
    )
    unit_price = forms.DecimalField(
        label=gettext_lazy("Price per unit, in yuan"),
        help_text=gettext_lazy("It may not be below the protected floor price"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "required": gettext_lazy("Enter your price per unit"),
            "invalid": gettext_lazy("Enter the price as a number, like 25.50"),
            "min_value": gettext_lazy("Enter a price per unit greater than 0"),
            "max_decimal_places": gettext_lazy("Enter the price to the fen: 2 decimal places"),
        },
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    available_on = forms.DateField(
        label=gettext_lazy("When can you deliver?"),
        widget=DateInput,
        error_messages={
            "required": gettext_lazy("Enter the day you can deliver"),
            "invalid": gettext_lazy("Enter the date like 2026-12-31"),
        },
    )
    grade = forms.CharField(label=gettext_lazy("Grade (optional)"), max_length=40, required=False)
    note = forms.CharField(
        label=gettext_lazy("Note for the buyer (optional)"), max_length=500, required=False
    )

    def __init__(self, shop: Producer, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["variant"]
        field.queryset = (
            ProductVariant.objects.filter(product__producer_id=shop.pk)
            .select_related("product")
            .order_by("product__name", "sort_order", "pk")
        )
        field.label_from_instance = lambda v: f"{v.product.name} {v.name}"


def _request_of(shop: Producer, request_id: int) -> PurchaseRequest:
    try:
        return (
            requests_for_producer(shop)
            .select_related("enterprise", "delivery_site__region", "region")
            .get(pk=request_id)
        )
    except PurchaseRequest.DoesNotExist:
        raise Http404("no such request") from None


@login_required
def quote_list(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, QUOTE_ACTION)
    today = timezone.localdate()
    mine = Quote.objects.filter(request_id=OuterRef("pk"), producer_id=shop.pk)
    invitations = (
        requests_for_producer(shop)
        .filter(status=RequestStatus.OPEN, deadline__gte=today)
        .select_related("enterprise", "delivery_site__region")
        .annotate(quoted=Exists(mine))
        .order_by("deadline", "pk")
    )
    quotes = (
        Quote.objects.filter(producer_id=shop.pk)
        .select_related("request__enterprise", "variant__product")
        .order_by("-created_at", "-pk")[:100]
    )
    context = {"shop": shop, "invitations": invitations, "quotes": quotes}
    return render(request, "seller_portal/quotes/list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def request_detail(request: HttpRequest, producer_id: int, request_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, QUOTE_ACTION)
    purchase = _request_of(shop, request_id)
    open_now = purchase.is_open_on(timezone.localdate())
    initial = {"available_on": timezone.localdate() + datetime.timedelta(days=7)}
    form = QuoteForm(shop, request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = QuoteDraft(
            variant=data["variant"],
            units=data["units"],
            unit_price_amount=data["unit_price"],
            available_on=data["available_on"],
            grade=data["grade"],
            note=data["note"],
        )
        try:
            submit_quote(purchase, shop, draft, actor=portal_user(request))
        except SourcingError as error:
            field = FIELDS.get(error.field or "", error.field)
            form.add_error(field if field in form.fields else None, error.message)
        else:
            messages.success(
                request, _("Your quote is sent to %(name)s.") % {"name": purchase.enterprise.name}
            )
            return HttpResponseRedirect(reverse("seller_portal:quote_list", args=[shop.pk]))
    quotes = Quote.objects.filter(request_id=purchase.pk, producer_id=shop.pk).select_related(
        "variant__product"
    )
    context = {
        "shop": shop,
        "purchase": purchase,
        "form": form,
        "open_now": open_now,
        "quotes": quotes,
    }
    return render(request, "seller_portal/quotes/request.html", context)


@require_POST
@login_required
def quote_withdraw(request: HttpRequest, producer_id: int, quote_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, QUOTE_ACTION)
    quote = Quote.objects.filter(pk=quote_id, producer_id=shop.pk).first()
    if quote is None:
        raise Http404("no such quote")
    try:
        withdraw_quote(quote, actor=portal_user(request))
    except SourcingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Quote withdrawn."))
    return HttpResponseRedirect(reverse("seller_portal:quote_list", args=[shop.pk]))
