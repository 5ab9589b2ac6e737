"""Registering an enterprise: an account first (unless signed in), then the enterprise's
details, where it is registered, and its county. Answers stay in the session until the last
page, where `register_enterprise` creates it (waiting for an operator's verification)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backend.accounts.registration import RegistrationError, register_account
from backend.enterprises.errors import EnterpriseError
from backend.enterprises.registration import EnterpriseDraft, register_enterprise
from enterprise_portal.enterprises import portal_user
from enterprise_portal.registration_forms import (
    CountyForm,
    EnterpriseDetailsForm,
    EnterprisePlaceForm,
    MemberSignUpForm,
    add_enterprise_error,
)
from seller_portal.region_choices import county_choices, county_of_province, province_choices

SESSION_KEY = "register-enterprise"
AUTH_BACKEND = "backend.accounts.backends.EmailOrMobileBackend"
SIGN_IN = "enterprise_portal:sign_in"


def _answers(request: HttpRequest) -> dict[str, Any]:
    return dict(request.session.get(SESSION_KEY, {}))


def _question(
    request: HttpRequest, form: Any, *, heading: str, number: int, back_url: str, submit: str
) -> HttpResponse:
    context = {
        "form": form,
        "heading": heading,
        "caption": _("Register your enterprise – step %(number)d of 3") % {"number": number},
        "back_url": back_url,
        "submit_label": submit,
        "intro": "",
    }
    return render(request, "enterprise_portal/question.html", context)


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """An account for the person registering; signed-in people go straight to the details."""
    if request.user.is_authenticated:
        return HttpResponseRedirect(reverse("enterprise_portal:register_details"))
    form = MemberSignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = register_account(password=form.cleaned_data["password"], **form.account_fields())
        except RegistrationError as error:
            form.add_registration_error(error)
        else:
            login(request, user, backend=AUTH_BACKEND)
            messages.success(request, _("Your account is ready and you are signed in."))
            return HttpResponseRedirect(reverse("enterprise_portal:register_details"))
    return render(request, "enterprise_portal/register.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required(login_url=SIGN_IN)
def register_details(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    form = EnterpriseDetailsForm(
        request.POST if request.method == "POST" else None, initial=answers
    )
    if request.method == "POST" and form.is_valid():
        answers.update(form.cleaned_data)
        request.session[SESSION_KEY] = answers
        return HttpResponseRedirect(reverse("enterprise_portal:register_place"))
    return _question(
        request,
        form,
        heading=_("About your enterprise"),
        number=1,
        back_url=reverse("enterprise_portal:home"),
        submit=_("Continue"),
    )


@require_http_methods(["GET", "POST"])
@login_required(login_url=SIGN_IN)
def register_place(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    if not answers.get("credit_code"):
        return HttpResponseRedirect(reverse("enterprise_portal:register_details"))
    form = EnterprisePlaceForm(
        province_choices(), request.POST if request.method == "POST" else None, initial=answers
    )
    if request.method == "POST" and form.is_valid():
        if answers.get("province") != form.cleaned_data["province"]:
            answers.pop("county", None)
        answers.update(form.cleaned_data)
        request.session[SESSION_KEY] = answers
        return HttpResponseRedirect(reverse("enterprise_portal:register_county"))
    return _question(
        request,
        form,
        heading=_("Where is the enterprise registered?"),
        number=2,
        back_url=reverse("enterprise_portal:register_details"),
        submit=_("Continue"),
    )


@require_http_methods(["GET", "POST"])
@login_required(login_url=SIGN_IN)
def register_county(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    if not answers.get("province") or not answers.get("credit_code"):
        return HttpResponseRedirect(reverse("enterprise_portal:register_place"))
    form = CountyForm(
        county_choices(answers["province"]),
        request.POST if request.method == "POST" else None,
        initial=answers,
    )
    if request.method == "POST" and form.is_valid():
        county = county_of_province(form.cleaned_data["county"], answers["province"])
        if county is None:
            form.add_error("county", _("Choose the county or district"))
        else:
            draft = EnterpriseDraft(
                name=answers["name"],
                kind=answers["kind"],
                credit_code=answers["credit_code"],
                region=county,
                address_detail=answers.get("address_detail", ""),
                contact_name=answers.get("contact_name", ""),
                contact_mobile=answers.get("contact_mobile", ""),
            )
            try:
                enterprise = register_enterprise(draft, actor=portal_user(request))
            except EnterpriseError as error:
                add_enterprise_error(form, error)
            else:
                request.session.pop(SESSION_KEY, None)
                messages.success(
                    request,
                    _(
                        "%(name)s is registered. An operator will check its details; you can "
                        "add delivery sites, invoice details and members meanwhile."
                    )
                    % {"name": enterprise.name},
                )
                return HttpResponseRedirect(
                    reverse("enterprise_portal:enterprise", args=[enterprise.pk])
                )
    return _question(
        request,
        form,
        heading=_("Which city and county or district?"),
        number=3,
        back_url=reverse("enterprise_portal:register_place"),
        submit=_("Register the enterprise"),
    )
