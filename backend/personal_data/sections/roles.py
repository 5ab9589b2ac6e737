"""What the person does for others: helping shops (helper grants), working for enterprises
(memberships), staffing pickup points. Deletion ends each role; the rows stay as history (the
activity lists still say a helper acted, now naming "已注销用户")."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.delivery.models import PickupPointStaff
from backend.enterprises.models import EnterpriseMember, EnterpriseRole
from backend.personal_data.registry import (
    Erasure,
    ErasureBlocker,
    ErasureBlockerCode,
    PersonalDataSection,
)
from backend.sellers.models import HelperGrant


class HelperGrantsSection(PersonalDataSection):
    key = "helping_shops"

    def export(self, user: User) -> list[dict[str, Any]]:
        grants = HelperGrant.objects.filter(helper=user).select_related("seller").order_by("pk")
        return [
            {
                "shop": grant.seller.name,
                "kind_of_helper": grant.kind,
                "may_work_on": grant.scope,
                "note": grant.note,
                "granted": grant.granted_at,
                "revoked": grant.revoked_at,
            }
            for grant in grants
        ]

    def erase(self, user: User, erasure: Erasure) -> None:
        revoked = HelperGrant.objects.filter(helper=user, revoked_at__isnull=True).update(
            revoked_at=erasure.now, revoked_by=user
        )
        erasure.count("helper_grants_revoked", revoked)


class EnterpriseMembershipsSection(PersonalDataSection):
    key = "enterprise_memberships"

    def export(self, user: User) -> list[dict[str, Any]]:
        members = (
            EnterpriseMember.objects.filter(user=user).select_related("enterprise").order_by("pk")
        )
        return [
            {
                "enterprise": member.enterprise.name,
                "role": member.role,
                "added": member.added_at,
                "removed": member.removed_at,
            }
            for member in members
        ]

    def blockers(self, user: User) -> list[ErasureBlocker]:
        """The last administrator of an enterprise with other members must hand over first."""
        administered = EnterpriseMember.objects.filter(
            user=user, role=EnterpriseRole.ADMIN, removed_at__isnull=True
        ).values("enterprise_id")
        count = (
            EnterpriseMember.objects.filter(enterprise_id__in=administered, removed_at__isnull=True)
            .values("enterprise_id")
            .annotate(
                admins=Count("user", filter=Q(role=EnterpriseRole.ADMIN), distinct=True),
                people=Count("user", distinct=True),
            )
            .filter(admins=1, people__gt=1)
            .count()
        )
        if not count:
            return []
        message = _(
            "You are the only administrator of an enterprise account that has other members. "
            "Make another member an administrator in the enterprise portal first."
        )
        return [ErasureBlocker(ErasureBlockerCode.LAST_ENTERPRISE_ADMIN, message, count)]

    def erase(self, user: User, erasure: Erasure) -> None:
        ended = EnterpriseMember.objects.filter(user=user, removed_at__isnull=True).update(
            removed_at=erasure.now
        )
        erasure.count("enterprise_memberships_ended", ended)


class PickupPointRolesSection(PersonalDataSection):
    key = "pickup_point_roles"

    def export(self, user: User) -> list[dict[str, Any]]:
        roles = (
            PickupPointStaff.objects.filter(user=user).select_related("pickup_point").order_by("pk")
        )
        return [
            {
                "pickup_point": role.pickup_point.name,
                "added": role.added_at,
                "removed": role.removed_at,
            }
            for role in roles
        ]

    def erase(self, user: User, erasure: Erasure) -> None:
        ended = PickupPointStaff.objects.filter(user=user, removed_at__isnull=True).update(
            removed_at=erasure.now
        )
        erasure.count("pickup_point_roles_ended", ended)
