"""The section tabs of one enterprise: only the sections the user's roles open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from backend.enterprises.models import Enterprise
from backend.enterprises.permissions import ROLE_ACTIONS, EnterpriseAction, enterprise_policy


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url: str


# (key, label, url name, action the section needs)
SECTIONS: tuple[tuple[str, Promise, str, EnterpriseAction], ...] = (
    ("overview", _("Overview"), "enterprise_portal:enterprise", EnterpriseAction.VIEW_ENTERPRISE),
    (
        "requests",
        _("Purchase requests"),
        "enterprise_portal:request_list",
        EnterpriseAction.VIEW_REQUESTS,
    ),
    (
        "contracts",
        _("Contracts"),
        "enterprise_portal:contract_list",
        EnterpriseAction.VIEW_CONTRACTS,
    ),
    ("pledges", _("Pledges"), "enterprise_portal:pledge_list", EnterpriseAction.VIEW_PLEDGES),
    (
        "benefit",
        _("Households benefited"),
        "enterprise_portal:benefit_links",
        EnterpriseAction.VIEW_BENEFIT_LINKS,
    ),
    ("members", _("Members"), "enterprise_portal:member_list", EnterpriseAction.MANAGE_MEMBERS),
    (
        "sites",
        _("Delivery sites"),
        "enterprise_portal:site_list",
        EnterpriseAction.MANAGE_DELIVERY_SITES,
    ),
    (
        "invoice",
        _("Invoice details"),
        "enterprise_portal:invoice_details",
        EnterpriseAction.MANAGE_INVOICE_DETAILS,
    ),
)


def enterprise_nav(request: HttpRequest, enterprise: Enterprise, current: str) -> dict[str, Any]:
    """Context for the tabs: `enterprise`, `enterprise_nav` and `nav_current` (one query)."""
    roles = enterprise_policy.roles_of(request.user, enterprise)
    allowed: set[EnterpriseAction] = set()
    for role in roles:
        allowed |= ROLE_ACTIONS.get(role, frozenset())
    items = []
    for key, label, url_name, action in SECTIONS:
        if action not in allowed:
            continue
        try:
            url = reverse(url_name, args=[enterprise.pk])
        except NoReverseMatch:  # a section whose pages are not installed
            continue
        items.append(NavItem(key=key, label=label, url=url))
    return {
        "enterprise": enterprise,
        "enterprise_nav": items,
        "nav_current": current,
        "enterprise_roles": roles,
    }
