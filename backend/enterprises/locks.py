"""Every row lock of the enterprise domain: the only module here that calls
`select_for_update()`.

Lock order: enterprise (the aggregate root) → its members → its delivery sites → its pledges →
its benefit links. Purchase requests (`backend.sourcing.locks`) come after the enterprise and
before quotes. Within a table, ascending primary key; `of=("self",)` keeps joined rows unlocked.
Call inside the service's transaction.
"""

from __future__ import annotations

from backend.enterprises.models import BenefitLink, Enterprise, EnterpriseMember


def lock_enterprise(enterprise_id: int) -> Enterprise:
    """Raises Enterprise.DoesNotExist."""
    return Enterprise.objects.select_for_update(of=("self",), no_key=True).get(pk=enterprise_id)


def lock_live_members(enterprise_id: int) -> list[EnterpriseMember]:
    return list(
        EnterpriseMember.objects.filter(enterprise_id=enterprise_id, removed_at__isnull=True)
        .select_for_update(of=("self",), no_key=True)
        .order_by("pk")
    )


def lock_benefit_link(link_id: int) -> BenefitLink:
    return BenefitLink.objects.select_for_update(of=("self",), no_key=True).get(pk=link_id)
