"""Pledges of one enterprise: progress per year, declaring or changing one, the year-end
statement (PDF and CSV), and the benefit-link register."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backend.enterprises.benefit_links import benefit_register
from backend.enterprises.errors import EnterpriseError
from backend.enterprises.models import Pledge
from backend.enterprises.permissions import EnterpriseAction, enterprise_policy
from backend.enterprises.pledges import declare_pledge, pledge_progress, pledges_progress
from backend.enterprises.statements import statement_csv, statement_pdf
from enterprise_portal.enterprises import (
    enterprise_for_request,
    member_login_required,
    portal_user,
)
from enterprise_portal.member_forms import PledgeForm
from enterprise_portal.navigation import enterprise_nav
from enterprise_portal.registration_forms import add_enterprise_error

A = EnterpriseAction
FIELDS = {"sharePercent": "share_percent", "baseAmount": "base_amount"}


@member_login_required
def pledge_list(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.VIEW_PLEDGES)
    progress = pledges_progress(
        Pledge.objects.filter(enterprise_id=enterprise.pk).order_by("-year")
    )
    context = {
        **enterprise_nav(request, enterprise, "pledges"),
        "rows": progress,
        "may_manage": enterprise_policy.user_has_permission_for_instance(
            request.user, A.MANAGE_PLEDGES, enterprise
        ),
    }
    return render(request, "enterprise_portal/pledges/list.html", context)


@require_http_methods(["GET", "POST"])
@member_login_required
def pledge_declare(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.MANAGE_PLEDGES)
    form = PledgeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pledge = declare_pledge(
                enterprise,
                year=data["year"],
                kind=data["kind"],
                amount=data.get("amount"),
                share_percent=data.get("share_percent"),
                base_amount=data.get("base_amount"),
                note=data.get("note", ""),
                actor=portal_user(request),
            )
        except EnterpriseError as error:
            error.field = FIELDS.get(error.field or "", error.field)
            add_enterprise_error(form, error)
        else:
            messages.success(request, _("Pledge for %(year)s saved.") % {"year": pledge.year})
            return HttpResponseRedirect(
                reverse("enterprise_portal:pledge_list", args=[enterprise.pk])
            )
    context = {
        **enterprise_nav(request, enterprise, "pledges"),
        "form": form,
        "heading": _("Declare a pledge"),
        "intro": _(
            "Progress counts your accepted procurement and your staff members' own purchases on "
            "Sunshine Market. Declaring a year again changes that year's pledge."
        ),
        "back_url": reverse("enterprise_portal:pledge_list", args=[enterprise.pk]),
        "submit_label": _("Save the pledge"),
    }
    return render(request, "enterprise_portal/question.html", context)


def _pledge_of(enterprise_id: int, year: int) -> Pledge:
    pledge = (
        Pledge.objects.select_related("enterprise")
        .filter(enterprise_id=enterprise_id, year=year)
        .first()
    )
    if pledge is None:
        raise Http404("no pledge that year")
    return pledge


@member_login_required
def pledge_statement(request: HttpRequest, enterprise_id: int, year: int, fmt: str) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.VIEW_PLEDGES)
    if fmt not in ("csv", "pdf"):
        raise Http404("no such format")
    pledge = _pledge_of(enterprise.pk, year)
    progress = pledge_progress(pledge)
    register = benefit_register(enterprise, year)
    name = f"pledge-{enterprise.slug}-{year}"
    if fmt == "csv":
        response = HttpResponse(
            "\ufeff" + statement_csv(progress, register), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(statement_pdf(progress, register), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@member_login_required
def benefit_links(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.VIEW_BENEFIT_LINKS)
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    if not 2000 <= year <= this_year + 1:
        year = this_year
    context = {
        **enterprise_nav(request, enterprise, "benefit"),
        "register": benefit_register(enterprise, year),
        "year": year,
        "years": [this_year, this_year - 1, this_year - 2],
    }
    return render(request, "enterprise_portal/pledges/benefit_links.html", context)
