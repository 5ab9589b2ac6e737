"""The enterprise a portal page acts on, found through the tenant-scoped lookups and the
enterprise policy: 404 alike for an enterprise that is not the user's and one that does not
exist; `EnterpriseNotVerified` (a 403, which views may render as an explanation) when the
user's own enterprise has not been verified for an action that needs it.

    enterprise = enterprise_for_request(request, enterprise_id, EnterpriseAction.SIGN_CONTRACTS)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from backend.accounts.models import User
from backend.enterprises.lookups import EnterpriseNotVerified, access_enterprise
from backend.enterprises.models import Enterprise
from backend.enterprises.permissions import EnterpriseAction

__all__ = [
    "EnterpriseNotVerified",
    "enterprise_for_request",
    "member_login_required",
    "portal_user",
]

ViewFunc = Callable[..., HttpResponse]


def portal_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "portal views are wrapped in login_required"
    return user


def enterprise_for_request(
    request: HttpRequest, enterprise_id: int, action: EnterpriseAction
) -> Enterprise:
    """The enterprise, or 404 alike for one the user may not act on and one that is missing."""
    try:
        return access_enterprise(portal_user(request), enterprise_id, action)
    except Enterprise.DoesNotExist:
        raise Http404("no such enterprise") from None


def member_login_required(view: ViewFunc) -> ViewFunc:
    """Signed-in people only (others go to the enterprise sign-in page); the user's own but
    unverified enterprise gets the explanation page (HTTP 403) instead of the action."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except EnterpriseNotVerified as refusal:
            context = {"enterprise": refusal.enterprise}
            return render(request, "enterprise_portal/not_verified.html", context, status=403)

    return login_required(login_url="enterprise_portal:sign_in")(wrapper)
