"""Members, delivery sites and invoice details of one enterprise."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backend.enterprises.delivery_sites import SiteDraft, add_delivery_site, update_delivery_site
from backend.enterprises.errors import EnterpriseError
from backend.enterprises.membership import add_member, remove_member
from backend.enterprises.models import DeliverySite, Enterprise, EnterpriseMember
from backend.enterprises.permissions import EnterpriseAction, live_members
from backend.enterprises.registration import INVOICE_FIELDS, update_invoice_details
from backend.regions.models import Region, RegionLevel
from enterprise_portal.enterprises import (
    enterprise_for_request,
    member_login_required,
    portal_user,
)
from enterprise_portal.member_forms import MemberForm, SiteForm
from enterprise_portal.navigation import enterprise_nav
from enterprise_portal.registration_forms import InvoiceDetailsForm, add_enterprise_error
from seller_portal.region_choices import county_choices

A = EnterpriseAction


def _page(
    request: HttpRequest,
    enterprise: Enterprise,
    current: str,
    template: str,
    **extra: Any,
) -> HttpResponse:
    return render(request, template, {**enterprise_nav(request, enterprise, current), **extra})


@member_login_required
def member_list(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.MANAGE_MEMBERS)
    members = (
        live_members()
        .filter(enterprise_id=enterprise.pk)
        .select_related("user")
        .order_by("role", "user__name", "pk")
    )
    return _page(
        request, enterprise, "members", "enterprise_portal/members/list.html", members=members
    )


@require_http_methods(["GET", "POST"])
@member_login_required
def member_add(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.MANAGE_MEMBERS)
    form = MemberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            member = add_member(
                enterprise,
                login=form.cleaned_data["login"],
                role=form.cleaned_data["role"],
                actor=portal_user(request),
            )
        except EnterpriseError as error:
            add_enterprise_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.")
                % {"name": member.user, "role": member.get_role_display()},
            )
            return HttpResponseRedirect(
                reverse("enterprise_portal:member_list", args=[enterprise.pk])
            )
    return _page(
        request,
        enterprise,
        "members",
        "enterprise_portal/question.html",
        form=form,
        heading=_("Add a member"),
        intro=_("Staff members' own purchases on Sunshine Market count toward your pledge."),
        back_url=reverse("enterprise_portal:member_list", args=[enterprise.pk]),
        submit_label=_("Add the member"),
    )


@require_POST
@member_login_required
def member_remove(request: HttpRequest, enterprise_id: int, member_id: int) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.MANAGE_MEMBERS)
    try:
        member = live_members().get(pk=member_id, enterprise_id=enterprise.pk)
    except EnterpriseMember.DoesNotExist:
        raise Http404("no such member") from None
    try:
        remove_member(member, actor=portal_user(request))
    except EnterpriseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s is no longer a member.") % {"name": member.user})
    return HttpResponseRedirect(reverse("enterprise_portal:member_list", args=[enterprise.pk]))


@member_login_required
def site_list(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.MANAGE_DELIVERY_SITES)
    sites = DeliverySite.objects.filter(enterprise_id=enterprise.pk).select_related("region")
    return _page(request, enterprise, "sites", "enterprise_portal/sites/list.html", sites=sites)


def _site_form(request: HttpRequest, enterprise: Enterprise, site: DeliverySite | None) -> SiteForm:
    province = (site.region if site else enterprise.region).province_code
    initial: dict[str, Any] = {"is_active": "yes"}
    if site is not None:
        initial = {
            "name": site.name,
            "county": site.region_id,
            "address_detail": site.address_detail,
            "contact_name": site.contact_name,
            "contact_mobile": site.contact_mobile,
            "is_active": "yes" if site.is_active else "no",
        }
    data = request.POST if request.method == "POST" else None
    return SiteForm(county_choices(province), data, initial=initial)


@require_http_methods(["GET", "POST"])
@member_login_required
def site_edit(request: HttpRequest, enterprise_id: int, site_id: int | None = None) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.MANAGE_DELIVERY_SITES)
    site = None
    if site_id is not None:
        site = DeliverySite.objects.filter(pk=site_id, enterprise_id=enterprise.pk).first()
        if site is None:
            raise Http404("no such site")
    form = _site_form(request, enterprise, site)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        county = Region.objects.filter(pk=data["county"], level=RegionLevel.COUNTY).first()
        if county is None:
            form.add_error("county", _("Choose the county or district"))
        else:
            draft = SiteDraft(
                name=data["name"],
                region=county,
                address_detail=data["address_detail"],
                contact_name=data["contact_name"],
                contact_mobile=data["contact_mobile"],
            )
            try:
                if site is None:
                    add_delivery_site(enterprise, draft, actor=portal_user(request))
                else:
                    update_delivery_site(
                        site,
                        draft,
                        is_active=data["is_active"] is not False,
                        actor=portal_user(request),
                    )
            except EnterpriseError as error:
                add_enterprise_error(form, error)
            else:
                messages.success(request, _("Delivery site saved."))
                return HttpResponseRedirect(
                    reverse("enterprise_portal:site_list", args=[enterprise.pk])
                )
    if site is None:
        form.fields.pop("is_active")
    return _page(
        request,
        enterprise,
        "sites",
        "enterprise_portal/question.html",
        form=form,
        heading=_("Add a delivery site") if site is None else _("Change the delivery site"),
        intro=_("Counties of the province your enterprise is registered in."),
        back_url=reverse("enterprise_portal:site_list", args=[enterprise.pk]),
        submit_label=_("Save the delivery site"),
    )


@require_http_methods(["GET", "POST"])
@member_login_required
def invoice_details(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, A.MANAGE_INVOICE_DETAILS)
    initial = {field: getattr(enterprise, field) for field in INVOICE_FIELDS}
    form: forms.Form = InvoiceDetailsForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_invoice_details(enterprise, form.cleaned_data, actor=portal_user(request))
        except EnterpriseError as error:
            add_enterprise_error(form, error)
        else:
            messages.success(request, _("Invoice details saved."))
            return HttpResponseRedirect(
                reverse("enterprise_portal:invoice_details", args=[enterprise.pk])
            )
    return _page(
        request,
        enterprise,
        "invoice",
        "enterprise_portal/question.html",
        form=form,
        heading=_("Invoice details"),
        intro=_("Producers put these details on the invoices (发票) they send you."),
        back_url=reverse("enterprise_portal:enterprise", args=[enterprise.pk]),
        submit_label=_("Save the invoice details"),
    )
