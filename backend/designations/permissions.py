"""Who may see and decide designations, and on which subjects (Wagtail's policy shape).

Operators only: active staff with an `OperatorScope` (or superusers). A region covers
everything below it, as for shops (`backend.sellers.permissions.operator_region_q`, which
filters any model with a `region` foreign key: producers, enterprises, designations).
Everyone else sees nothing; the pages answer "not found" alike for "not yours" and
"does not exist".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from backend.accounts.models import User
from backend.designations.models import Designation
from backend.enterprises.models import Enterprise
from backend.producers.models import Producer
from backend.regions.models import Region, RegionLevel
from backend.sellers.permissions import is_operator, operator_region_q


class DesignationAction(enum.StrEnum):
    VIEW_ELIGIBILITY = "view_eligibility"
    CONFIRM = "confirm"
    REVOKE = "revoke"


@dataclass(frozen=True)
class OperatorReach:
    """The subjects and designations in an operator's regions (lazy querysets)."""

    producers: QuerySet[Producer]
    enterprises: QuerySet[Enterprise]
    designations: QuerySet[Designation]


def within_region_q(region: Region) -> Q:
    """On any model with a `region` foreign key: rows in `region` or below it."""
    if region.level == RegionLevel.PROVINCE and region.code:
        return Q(region__province_code=region.code)
    if region.level == RegionLevel.CITY and region.code:
        return Q(region__city_code=region.code)
    if region.level == RegionLevel.COUNTY and region.code:
        return Q(region__county_code=region.code)
    return Q(region_id=region.pk) | Q(region__parent_id=region.pk)


def narrowed(reach: OperatorReach, region: Region | None) -> OperatorReach:
    """The operator's reach within one region they chose (None: everything they cover)."""
    if region is None:
        return reach
    where = within_region_q(region)
    return OperatorReach(
        reach.producers.filter(where),
        reach.enterprises.filter(where),
        reach.designations.filter(where),
    )


class DesignationAccessPolicy:
    """The operator's regions as querysets of the subjects and of the register."""

    def user_has_permission(
        self, user: User | AnonymousUser | None, action: DesignationAction
    ) -> bool:
        return is_operator(user)

    def reach(self, user: User | AnonymousUser | None, action: DesignationAction) -> OperatorReach:
        """All three querysets for one operator check (one query)."""
        if not is_operator(user):
            return OperatorReach(
                Producer.objects.none(), Enterprise.objects.none(), Designation.objects.none()
            )
        where = operator_region_q(user)  # type: ignore[arg-type]
        return OperatorReach(
            Producer.objects.filter(where),
            Enterprise.objects.filter(where),
            Designation.objects.filter(where),
        )

    def producers_for(
        self, user: User | AnonymousUser | None, action: DesignationAction
    ) -> QuerySet[Producer]:
        if not is_operator(user):
            return Producer.objects.none()
        return Producer.objects.filter(operator_region_q(user))  # type: ignore[arg-type]

    def enterprises_for(
        self, user: User | AnonymousUser | None, action: DesignationAction
    ) -> QuerySet[Enterprise]:
        if not is_operator(user):
            return Enterprise.objects.none()
        return Enterprise.objects.filter(operator_region_q(user))  # type: ignore[arg-type]

    def instances_for(
        self, user: User | AnonymousUser | None, action: DesignationAction
    ) -> QuerySet[Designation]:
        if not is_operator(user):
            return Designation.objects.none()
        return Designation.objects.filter(operator_region_q(user))  # type: ignore[arg-type]


designation_policy = DesignationAccessPolicy()
