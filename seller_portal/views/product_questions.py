"""Change one answer about a product or one of its variants, one question per page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from backend.accounts.models import User
from backend.catalog.errors import CatalogError
from backend.catalog.models import Product, ProductVariant
from backend.catalog.product_editing import default_channel, update_product_details
from backend.catalog.variant_editing import (
    add_variant,
    get_variant_of_product,
    set_variant_price,
    set_variant_stock,
)
from seller_portal.forms_errors import add_domain_error
from seller_portal.product_forms import (
    CategoryForm,
    DescriptionForm,
    NameForm,
    NewVariantForm,
    PriceForm,
    StockForm,
)
from seller_portal.shops import portal_user, product_for_request


@dataclass(frozen=True)
class ProductQuestion:
    form_class: type[forms.Form]
    initial: Callable[[Product], dict[str, Any]]
    apply: Callable[[Product, dict[str, Any], User], object]


@dataclass(frozen=True)
class VariantQuestion:
    form_class: type[forms.Form]
    initial: Callable[[ProductVariant], dict[str, Any]]
    apply: Callable[[ProductVariant, dict[str, Any], User], object]


PRODUCT_QUESTIONS: dict[str, ProductQuestion] = {
    "name": ProductQuestion(
        NameForm,
        lambda p: {"name": p.name},
        lambda p, data, actor: update_product_details(p, actor=actor, name=data["name"]),
    ),
    "category": ProductQuestion(
        CategoryForm,
        lambda p: {"category": p.category_id},
        lambda p, data, actor: update_product_details(
            p, actor=actor, category_id=data["category"].pk
        ),
    ),
    "description": ProductQuestion(
        DescriptionForm,
        lambda p: {"description": p.description},
        lambda p, data, actor: update_product_details(
            p, actor=actor, description=data["description"]
        ),
    ),
}


def _price(variant: ProductVariant) -> dict[str, Any]:
    listing = variant.channel_listings.filter(channel__slug=default_channel().slug).first()
    return {"price": listing.price_amount if listing else ""}


def _stock(variant: ProductVariant) -> dict[str, Any]:
    stock = variant.stocks.order_by("pk").first()
    return {"stock": stock.quantity if stock else 0}


VARIANT_QUESTIONS: dict[str, VariantQuestion] = {
    "price": VariantQuestion(
        PriceForm,
        _price,
        lambda v, data, actor: set_variant_price(
            v, data["price"], channel=default_channel(), actor=actor
        ),
    ),
    "stock": VariantQuestion(
        StockForm, _stock, lambda v, data, actor: set_variant_stock(v, data["stock"], actor=actor)
    ),
}


def _detail_url(product: Product) -> str:
    return reverse("seller_portal:product_detail", args=[product.producer_id, product.pk])


def _render(
    request: HttpRequest, form: forms.Form, product: Product, *, caption: str = ""
) -> HttpResponse:
    first = next(iter(form.fields.values()))
    context = {
        "form": form,
        "heading": first.label,
        "caption": caption or product.name,
        "back_url": _detail_url(product),
        "submit_label": _("Save"),
    }
    return render(request, "seller_portal/question.html", context)


def _ask(
    request: HttpRequest,
    product: Product,
    form: forms.Form,
    apply: Callable[[dict[str, Any]], object],
    *,
    caption: str = "",
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            apply(form.cleaned_data)
        except CatalogError as error:
            add_domain_error(form, error.field, error.message)
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(_detail_url(product))
    return _render(request, form, product, caption=caption)


@require_http_methods(["GET", "POST"])
@login_required
def product_question(
    request: HttpRequest, producer_id: int, product_id: int, question: str
) -> HttpResponse:
    product = product_for_request(request, producer_id, product_id)
    spec = PRODUCT_QUESTIONS.get(question)
    if spec is None:
        raise Http404("no such question")
    form = spec.form_class(
        request.POST if request.method == "POST" else None, initial=spec.initial(product)
    )
    actor = portal_user(request)
    return _ask(request, product, form, lambda data: spec.apply(product, data, actor))


@require_http_methods(["GET", "POST"])
@login_required
def variant_question(
    request: HttpRequest, producer_id: int, product_id: int, variant_id: int, question: str
) -> HttpResponse:
    product = product_for_request(request, producer_id, product_id)
    spec = VARIANT_QUESTIONS.get(question)
    try:
        variant = get_variant_of_product(product, variant_id)
    except ProductVariant.DoesNotExist:
        raise Http404("no such variant") from None
    if spec is None:
        raise Http404("no such question")
    form = spec.form_class(
        request.POST if request.method == "POST" else None, initial=spec.initial(variant)
    )
    actor = portal_user(request)
    caption = f"{product.name} · {variant.name or variant.sku}"
    return _ask(
        request, product, form, lambda data: spec.apply(variant, data, actor), caption=caption
    )


ADD_VARIANT_HEADING = gettext_lazy("Add a size or kind")


@require_http_methods(["GET", "POST"])
@login_required
def variant_add(request: HttpRequest, producer_id: int, product_id: int) -> HttpResponse:
    product = product_for_request(request, producer_id, product_id)
    form = NewVariantForm(request.POST if request.method == "POST" else None)
    actor = portal_user(request)

    def apply(data: dict[str, Any]) -> object:
        return add_variant(
            product,
            name=data["variant_name"],
            price=data["price"],
            stock=data["stock"],
            weight_grams=data.get("weight_grams"),
            channel=default_channel(),
            actor=actor,
        )

    if request.method == "POST" and form.is_valid():
        try:
            apply(form.cleaned_data)
        except CatalogError as error:
            add_domain_error(
                form, "variant_name" if error.field == "name" else error.field, error.message
            )
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(_detail_url(product))
    context = {
        "form": form,
        "heading": ADD_VARIANT_HEADING,
        "caption": product.name,
        "back_url": _detail_url(product),
        "submit_label": _("Add"),
    }
    return render(request, "seller_portal/question.html", context)
