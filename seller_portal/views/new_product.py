"""Adding a product, one question per page, then "check your answers" (GOV.UK pattern).

Answers live in the session until the seller confirms; nothing is saved to the catalogue before.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backend.catalog.errors import CatalogError
from backend.catalog.models import Category
from backend.catalog.product_editing import (
    ProductDraft,
    clean_name,
    clean_price,
    create_product,
    default_channel,
)
from backend.producers.models import Producer
from backend.sellers.permissions import SellerAction
from seller_portal.forms_errors import add_domain_error
from seller_portal.product_forms import (
    CategoryForm,
    DescriptionForm,
    NameForm,
    StockForm,
    VariantForm,
)
from seller_portal.shops import portal_user, shop_for_request


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type[forms.Form]


STEPS = [
    Step("name", NameForm),
    Step("category", CategoryForm),
    Step("size-and-price", VariantForm),
    Step("stock", StockForm),
    Step("description", DescriptionForm),
]
STEP_SLUGS = [step.slug for step in STEPS]


def _session_key(shop: Producer) -> str:
    return f"new-product:{shop.pk}"


def _answers(request: HttpRequest, shop: Producer) -> dict[str, Any]:
    return dict(request.session.get(_session_key(shop), {}))


def _save_answers(request: HttpRequest, shop: Producer, answers: dict[str, Any]) -> None:
    request.session[_session_key(shop)] = answers


def _to_session(data: dict[str, Any]) -> dict[str, Any]:
    """Form data as JSON-safe session values."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Category):
            out[key] = value.pk
        elif isinstance(value, Decimal):
            out[key] = str(value)
        else:
            out[key] = value
    return out


def _step_url(shop: Producer, slug: str) -> str:
    return reverse("seller_portal:new_product_step", args=[shop.pk, slug])


def _check_url(shop: Producer) -> str:
    return reverse("seller_portal:new_product_check", args=[shop.pk])


def _validate_with_domain(form: forms.Form) -> bool:
    """The catalogue's own rules (name length, price format) on top of the form's."""
    data = form.cleaned_data
    try:
        if "name" in data:
            data["name"] = clean_name(data["name"])
        if "price" in data:
            data["price"] = clean_price(data["price"])
    except CatalogError as error:
        add_domain_error(form, error.field, error.message)
        return False
    return True


@require_http_methods(["GET", "POST"])
@login_required
def new_product_step(request: HttpRequest, producer_id: int, step: str) -> HttpResponse:
    shop = shop_for_request(request, producer_id, SellerAction.MANAGE_PRODUCTS)
    if step not in STEP_SLUGS:
        raise Http404("no such step")
    index = STEP_SLUGS.index(step)
    spec = STEPS[index]
    answers = _answers(request, shop)
    form = spec.form_class(request.POST if request.method == "POST" else None, initial=answers)
    if request.method == "POST" and form.is_valid() and _validate_with_domain(form):
        answers.update(_to_session(form.cleaned_data))
        _save_answers(request, shop, answers)
        done = request.GET.get("return") == "check" or index == len(STEPS) - 1
        return HttpResponseRedirect(
            _check_url(shop) if done else _step_url(shop, STEPS[index + 1].slug)
        )
    back = (
        reverse("seller_portal:product_list", args=[shop.pk])
        if index == 0
        else _step_url(shop, STEPS[index - 1].slug)
    )
    context = {
        "form": form,
        "heading": _("Add a product"),
        "caption": _("Add a product – question %(number)d of %(total)d")
        % {"number": index + 1, "total": len(STEPS)},
        "back_url": back,
        "submit_label": _("Continue"),
    }
    return render(request, "seller_portal/question.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def new_product_check(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, SellerAction.MANAGE_PRODUCTS)
    answers = _answers(request, shop)
    missing = [step.slug for step in STEPS[:-1] if not _step_answered(step, answers)]
    if missing:
        return HttpResponseRedirect(_step_url(shop, missing[0]))
    category = Category.objects.filter(pk=answers.get("category")).first()
    error = None
    if request.method == "POST":
        draft = ProductDraft(
            name=answers["name"],
            category_id=answers.get("category"),
            description=answers.get("description", ""),
            variant_name=answers.get("variant_name", ""),
            price=Decimal(answers["price"]),
            weight_grams=answers.get("weight_grams"),
            stock=int(answers["stock"]),
        )
        try:
            product = create_product(
                shop, draft, channel=default_channel(), actor=portal_user(request)
            )
        except CatalogError as exc:
            error = exc.message
        else:
            request.session.pop(_session_key(shop), None)
            messages.success(
                request,
                _("Product saved. Add a photo, then put it on sale when you are ready."),
            )
            return HttpResponseRedirect(
                reverse("seller_portal:product_detail", args=[shop.pk, product.pk])
            )
    context = {
        "shop": shop,
        "answers": answers,
        "category": category,
        "error": error,
        "step_urls": {
            step.slug.replace("-", "_"): _step_url(shop, step.slug) + "?return=check"
            for step in STEPS
        },
    }
    return render(request, "seller_portal/products/check.html", context)


def _step_answered(step: Step, answers: dict[str, Any]) -> bool:
    required = [name for name, field in step.form_class.base_fields.items() if field.required]
    return all(answers.get(name) not in (None, "") for name in required)
