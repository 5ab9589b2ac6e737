"""The shop's profile: name, story, logo, shops on other platforms and identity numbers.

Every page needs `SellerAction.EDIT_SHOP` (owners, helpers with scope "all"); each change
calls one service of `backend.producers`, which writes the audit row. Identity numbers are
never written into a page in full: the summary shows them masked and the question starts empty.
"""

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
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.accounts.models import User
from backend.producers.errors import ShopError
from backend.producers.identity import mask_identity
from backend.producers.models import Producer, ProducerShopLink
from backend.producers.shop_identity import CERTIFICATE, HOUSEHOLD, set_identity_number
from backend.producers.shop_logo import describe_shop_logo, remove_shop_logo, set_shop_logo
from backend.producers.shop_profile import (
    add_shop_link,
    remove_shop_link,
    update_shop_profile,
)
from backend.sellers.permissions import SellerAction
from seller_portal.forms_errors import add_domain_error
from seller_portal.shop_forms import (
    CertificateForm,
    HouseholdNumberForm,
    LogoAltForm,
    LogoForm,
    ShopLinkForm,
    ShopNameForm,
    StoryForm,
)
from seller_portal.shops import portal_user, shop_for_request

EDIT = SellerAction.EDIT_SHOP


@dataclass(frozen=True)
class ProfileQuestion:
    form_class: type[forms.Form]
    initial: Callable[[Producer], dict[str, str]]
    apply: Callable[[Producer, dict[str, str], User], object]
    current: Callable[[Producer], str] | None = None  # shown above the question (masked)


QUESTIONS: dict[str, ProfileQuestion] = {
    "name": ProfileQuestion(
        ShopNameForm,
        lambda shop: {"name": shop.name},
        lambda shop, data, actor: update_shop_profile(shop, actor=actor, name=data["name"]),
    ),
    "story": ProfileQuestion(
        StoryForm,
        lambda shop: {"story": shop.story},
        lambda shop, data, actor: update_shop_profile(shop, actor=actor, story=data["story"]),
    ),
    "certificate": ProfileQuestion(
        CertificateForm,
        lambda shop: {},
        lambda shop, data, actor: set_identity_number(
            shop, field=CERTIFICATE, value=data[CERTIFICATE], actor=actor
        ),
        current=lambda shop: mask_identity(shop.disability_certificate_number),
    ),
    "household-number": ProfileQuestion(
        HouseholdNumberForm,
        lambda shop: {},
        lambda shop, data, actor: set_identity_number(
            shop, field=HOUSEHOLD, value=data[HOUSEHOLD], actor=actor
        ),
        current=lambda shop: mask_identity(shop.poor_household_number),
    ),
}


def _profile_url(shop: Producer) -> str:
    return reverse("seller_portal:profile", args=[shop.pk])


@require_safe
@login_required
def profile(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, EDIT)
    links = list(ProducerShopLink.objects.filter(producer_id=shop.pk).order_by("sort_order", "pk"))
    region = shop.region
    context = {
        "shop": shop,
        "links": links,
        "region": region.full_name or region.name,
        "certificate": mask_identity(shop.disability_certificate_number),
        "household_number": mask_identity(shop.poor_household_number),
    }
    return render(request, "seller_portal/profile/summary.html", context)


def _question_page(
    request: HttpRequest, shop: Producer, form: forms.Form, *, heading: str, submit: str, **extra
) -> HttpResponse:
    context = {
        "form": form,
        "heading": heading,
        "caption": shop.name,
        "back_url": _profile_url(shop),
        "submit_label": submit,
        **extra,
    }
    return render(request, "seller_portal/question.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def profile_question(request: HttpRequest, producer_id: int, question: str) -> HttpResponse:
    shop = shop_for_request(request, producer_id, EDIT)
    spec = QUESTIONS.get(question)
    if spec is None:
        raise Http404("no such question")
    form = spec.form_class(
        request.POST if request.method == "POST" else None, initial=spec.initial(shop)
    )
    if request.method == "POST" and form.is_valid():
        try:
            spec.apply(shop, form.cleaned_data, portal_user(request))
        except ShopError as error:
            add_domain_error(form, error.field, error.message)
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(_profile_url(shop))
    extra: dict[str, Any] = {}
    current = spec.current(shop) if spec.current else ""
    if current:
        extra["chosen"] = (_("Number given now:"), current)
        extra["chosen_change_url"] = ""
    heading = str(next(iter(form.fields.values())).label)
    return _question_page(request, shop, form, heading=heading, submit=_("Save"), **extra)


LOGO_HEADING = gettext_lazy("Your shop's logo")


@require_http_methods(["GET", "POST"])
@login_required
def logo(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, EDIT)
    form = LogoForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial={"alt": shop.logo_alt},
    )
    if request.method == "POST" and form.is_valid():
        try:
            set_shop_logo(
                shop, upload=form.upload(), alt=form.cleaned_data["alt"], actor=portal_user(request)
            )
        except ShopError as error:
            field = form.upload_field() if error.field == "logo" else error.field
            add_domain_error(form, field, error.message)
        else:
            messages.success(request, _("Logo saved."))
            return HttpResponseRedirect(_profile_url(shop))
    return _question_page(request, shop, form, heading=str(LOGO_HEADING), submit=_("Save the logo"))


@require_http_methods(["GET", "POST"])
@login_required
def logo_describe(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, EDIT)
    if not shop.logo:
        raise Http404("no logo")
    form = LogoAltForm(
        request.POST if request.method == "POST" else None, initial={"alt": shop.logo_alt}
    )
    if request.method == "POST" and form.is_valid():
        try:
            describe_shop_logo(shop, alt=form.cleaned_data["alt"], actor=portal_user(request))
        except ShopError as error:
            add_domain_error(form, error.field, error.message)
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(_profile_url(shop))
    heading = str(form.fields["alt"].label)
    return _question_page(request, shop, form, heading=heading, submit=_("Save"))


@require_POST
@login_required
def logo_remove(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, EDIT)
    remove_shop_logo(shop, actor=portal_user(request))
    messages.success(request, _("Logo removed."))
    return HttpResponseRedirect(_profile_url(shop) + "#logo")


LINK_HEADING = gettext_lazy("Add your shop on another platform")


@require_http_methods(["GET", "POST"])
@login_required
def link_add(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, EDIT)
    form = ShopLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            add_shop_link(
                shop,
                platform=form.cleaned_data["platform"],
                url=form.cleaned_data["url"],
                actor=portal_user(request),
            )
        except ShopError as error:
            add_domain_error(form, error.field, error.message)
        else:
            messages.success(request, _("Shop added to the list."))
            return HttpResponseRedirect(_profile_url(shop) + "#links")
    return _question_page(request, shop, form, heading=str(LINK_HEADING), submit=_("Add"))


@require_POST
@login_required
def link_remove(request: HttpRequest, producer_id: int, link_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, EDIT)
    try:
        remove_shop_link(shop, link_id, actor=portal_user(request))
    except ShopError:
        raise Http404("no such link") from None
    messages.success(request, _("Shop removed from the list."))
    return HttpResponseRedirect(_profile_url(shop) + "#links")
