"""Who may curate the zone: operators with the admin's model permissions on the zone app."""

from __future__ import annotations

import enum

from backend.accounts.models import User


class ZonePermission(enum.StrEnum):
    MANAGE_CAMPAIGN_PRICES = "zone.change_campaignprice"
    VIEW_CAMPAIGN_REPORT = "zone.view_campaign"


class ZonePolicy:
    """Operators only; sellers and buyers never curate the zone or read its reports."""

    def user_has_permission(self, user: User | None, permission: ZonePermission) -> bool:
        if user is None or not user.is_active or not user.is_staff:
            return False
        return user.has_perm(permission.value)


zone_policy = ZonePolicy()
