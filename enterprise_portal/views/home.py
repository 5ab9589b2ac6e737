"""The portal's landing page (the user's enterprises) and one enterprise's overview."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backend.enterprises.errors import EnterpriseError
from backend.enterprises.lookups import memberships_of
from backend.enterprises.permissions import EnterpriseAction, enterprise_policy
from backend.enterprises.registration import PROFILE_FIELDS, update_enterprise_profile
from enterprise_portal.enterprises import (
    enterprise_for_request,
    member_login_required,
    portal_user,
)
from enterprise_portal.navigation import enterprise_nav
from enterprise_portal.registration_forms import ProfileForm, add_enterprise_error


def home(request: HttpRequest) -> HttpResponse:
    """Signed out: what the portal is for. Signed in: the enterprises the user belongs to."""
    if not request.user.is_authenticated:
        return render(request, "enterprise_portal/landing.html")
    rows: dict[int, dict] = {}
    for membership in memberships_of(portal_user(request)):
        row = rows.setdefault(
            membership.enterprise_id, {"enterprise": membership.enterprise, "roles": []}
        )
        row["roles"].append(membership.get_role_display())
    return render(request, "enterprise_portal/home.html", {"rows": list(rows.values())})


@member_login_required
def enterprise_overview(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = enterprise_for_request(request, enterprise_id, EnterpriseAction.VIEW_ENTERPRISE)
    context = {
        **enterprise_nav(request, enterprise, "overview"),
        "may_edit": enterprise_policy.user_has_permission_for_instance(
            request.user, EnterpriseAction.EDIT_PROFILE, enterprise
        ),
    }
    return render(request, "enterprise_portal/overview.html", context)


@require_http_methods(["GET", "POST"])
@member_login_required
def enterprise_profile(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    """The name, address and contact (the credit code and kind stay as the operator verified)."""
    enterprise = enterprise_for_request(request, enterprise_id, EnterpriseAction.EDIT_PROFILE)
    initial = {field: getattr(enterprise, field) for field in PROFILE_FIELDS}
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_enterprise_profile(enterprise, form.cleaned_data, actor=portal_user(request))
        except EnterpriseError as error:
            add_enterprise_error(form, error)
        else:
            messages.success(request, _("The enterprise's details are saved."))
            return HttpResponseRedirect(
                reverse("enterprise_portal:enterprise", args=[enterprise.pk])
            )
    context = {
        **enterprise_nav(request, enterprise, "overview"),
        "form": form,
        "heading": _("Change the enterprise's details"),
        "intro": _(
            "The unified social credit code and the kind of organisation stay as the platform "
            "verified them."
        ),
        "back_url": reverse("enterprise_portal:enterprise", args=[enterprise.pk]),
        "submit_label": _("Save the details"),
    }
    return render(request, "enterprise_portal/question.html", context)
