"""Opening a shop after signing up, one question per page, then "check your answers".

Answers live in the session until the seller confirms; the shop is created by
`backend.producers.shop_profile.open_shop` only then. The region is chosen without JavaScript:
a province first, then its counties grouped by city, then (optionally) the township and village.
Identity numbers are asked only of the kinds of shop that need one, and shown masked.
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
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from backend.producers.errors import ShopError
from backend.producers.models import ProducerKind
from backend.producers.shop_identity import (
    clean_certificate,
    clean_household_number,
    needs_certificate,
    needs_household_number,
)
from backend.producers.shop_profile import (
    ShopDraft,
    clean_place_name,
    clean_shop_name,
    clean_story,
    open_shop,
)
from seller_portal.forms_errors import add_domain_error
from seller_portal.region_choices import (
    county_choices,
    county_of_province,
    province_choices,
    province_name,
)
from seller_portal.shop_forms import (
    CertificateForm,
    CountyForm,
    HouseholdNumberForm,
    PlaceForm,
    ProvinceForm,
    ShopKindForm,
    ShopNameForm,
    StoryForm,
)
from seller_portal.shops import portal_user

SESSION_KEY = "open-shop"
Answers = dict[str, Any]


def _always(answers: Answers) -> bool:
    return True


def _domain_checks(form: forms.Form) -> None:
    """The shop services' own rules on top of the form's (raise ShopError)."""
    data = form.cleaned_data
    cleaners: dict[str, Callable[[str], str]] = {
        "name": clean_shop_name,
        "story": clean_story,
        "disability_certificate_number": clean_certificate,
        "poor_household_number": clean_household_number,
        "township": lambda value: clean_place_name(value, field="township"),
        "village": lambda value: clean_place_name(value, field="village"),
    }
    for field, clean in cleaners.items():
        if field in data:
            data[field] = clean(data[field])


@dataclass(frozen=True)
class Step:
    slug: str
    make_form: Callable[[Answers, Any], forms.Form]
    applies: Callable[[Answers], bool] = _always
    heading: Promise | None = None


def _simple(form_class: type[forms.Form]) -> Callable[[Answers, Any], forms.Form]:
    return lambda answers, data: form_class(data, initial=answers)


STEPS = [
    Step("name", _simple(ShopNameForm)),
    Step("kind", _simple(ShopKindForm)),
    Step(
        "certificate",
        _simple(CertificateForm),
        applies=lambda answers: needs_certificate(answers.get("kind", "")),
    ),
    Step(
        "household-number",
        _simple(HouseholdNumberForm),
        applies=lambda answers: needs_household_number(answers.get("kind", "")),
    ),
    Step(
        "province",
        lambda answers, data: ProvinceForm(province_choices(), data, initial=answers),
    ),
    Step(
        "county",
        lambda answers, data: CountyForm(
            county_choices(answers.get("province", "")), data, initial=answers
        ),
    ),
    Step("place", _simple(PlaceForm), heading=gettext_lazy("Where in the county is your shop?")),
    Step("story", _simple(StoryForm)),
]
STEP_SLUGS = [step.slug for step in STEPS]


def _answers(request: HttpRequest) -> Answers:
    return dict(request.session.get(SESSION_KEY, {}))


def _steps_for(answers: Answers) -> list[Step]:
    return [step for step in STEPS if step.applies(answers)]


def _step_url(slug: str, *, returning: bool = False) -> str:
    url = reverse("seller_portal:open_shop_step", args=[slug])
    return url + "?return=check" if returning else url


def _check_url() -> str:
    return reverse("seller_portal:open_shop_check")


def _first_unanswered(answers: Answers) -> str | None:
    for step in _steps_for(answers)[:-1]:  # the story may stay empty
        form = step.make_form(answers, None)
        required = [name for name, field in form.fields.items() if field.required]
        if any(answers.get(name) in (None, "") for name in required):
            return step.slug
    return None


def _after_saving(answers: Answers, step: Step, returning: bool) -> str:
    steps = _steps_for(answers)
    if returning:
        missing = _first_unanswered(answers)
        return _step_url(missing, returning=True) if missing else _check_url()
    index = [s.slug for s in steps].index(step.slug)
    return _check_url() if index == len(steps) - 1 else _step_url(steps[index + 1].slug)


def _remember(answers: Answers, step: Step, data: dict[str, Any]) -> None:
    if step.slug == "province" and answers.get("province") != data["province"]:
        answers.pop("county", None)  # a county of the old province no longer fits
    answers.update(data)


@require_http_methods(["GET", "POST"])
@login_required
def open_shop_step(request: HttpRequest, step: str) -> HttpResponse:
    if step not in STEP_SLUGS:
        raise Http404("no such step")
    spec = STEPS[STEP_SLUGS.index(step)]
    answers = _answers(request)
    if not spec.applies(answers):
        return HttpResponseRedirect(_step_url(_first_unanswered(answers) or "name"))
    if step == "county" and not answers.get("province"):
        return HttpResponseRedirect(_step_url("province"))
    returning = request.GET.get("return") == "check"
    form = spec.make_form(answers, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            _domain_checks(form)
        except ShopError as error:
            add_domain_error(form, error.field, error.message)
        else:
            _remember(answers, spec, form.cleaned_data)
            request.session[SESSION_KEY] = answers
            return HttpResponseRedirect(_after_saving(answers, spec, returning))
    steps = _steps_for(answers)
    slugs = [s.slug for s in steps]
    index = slugs.index(step)
    if returning:
        back = _check_url()
    elif index == 0:
        back = reverse("seller_portal:home")
    else:
        back = _step_url(slugs[index - 1])
    context: dict[str, Any] = {
        "form": form,
        "heading": spec.heading or next(iter(form.fields.values())).label,
        "caption": _("Open your shop – question %(number)d of %(total)d")
        % {"number": index + 1, "total": len(steps)},
        "back_url": back,
        "submit_label": _("Continue"),
    }
    if step == "county":
        context["chosen"] = (_("Province:"), province_name(answers["province"]))
        context["chosen_change_url"] = _step_url("province", returning=returning)
    return render(request, "seller_portal/question.html", context)


def _draft(answers: Answers) -> ShopDraft:
    kind = answers.get("kind", "")
    return ShopDraft(
        name=answers.get("name", ""),
        kind=kind,
        county_id=int(answers["county"]),
        township=answers.get("township", ""),
        village=answers.get("village", ""),
        story=answers.get("story", ""),
        disability_certificate_number=(
            answers.get("disability_certificate_number", "") if needs_certificate(kind) else ""
        ),
        poor_household_number=(
            answers.get("poor_household_number", "") if needs_household_number(kind) else ""
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def open_shop_check(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    missing = _first_unanswered(answers)
    county = county_of_province(answers.get("county"), answers.get("province", ""))
    if missing or county is None:
        return HttpResponseRedirect(_step_url(missing or "county"))
    error = None
    if request.method == "POST":
        user = portal_user(request)
        try:
            shop = open_shop(_draft(answers), owner=user, actor=user)
        except ShopError as exc:
            error = exc.message
        else:
            request.session.pop(SESSION_KEY, None)
            messages.success(
                request,
                _("Your shop %(name)s is open. Next, add your first product.")
                % {"name": shop.name},
            )
            return HttpResponseRedirect(reverse("seller_portal:home"))
    kind = answers.get("kind", "")
    context = {
        "answers": answers,
        "kind_label": ProducerKind(kind).label if kind in ProducerKind.values else "",
        "region": county.full_name or county.name,
        "needs_certificate": needs_certificate(kind),
        "needs_household_number": needs_household_number(kind),
        "change": {
            step.slug.replace("-", "_"): _step_url(step.slug, returning=True) for step in STEPS
        },
        "error": error,
    }
    return render(request, "seller_portal/open_shop_check.html", context)
