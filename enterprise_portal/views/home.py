"""The portal's landing page (the user's enterprises) and one enterprise's overview."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backend.enterprises.lookups import memberships_of
from backend.enterprises.permissions import EnterpriseAction
from enterprise_portal.enterprises import (
    enterprise_for_request,
    member_login_required,
    portal_user,
)
from enterprise_portal.navigation import enterprise_nav


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
    context = enterprise_nav(request, enterprise, "overview")
    return render(request, "enterprise_portal/overview.html", context)
