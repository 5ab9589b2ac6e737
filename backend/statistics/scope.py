"""Which regions an operator may read statistics for (region scoping).

A federation operator's `OperatorScope` covers its region and everything below it: a county
federation sees its county (and the county's townships and villages), a city its city, a
scope without a region (platform staff) or a superuser the whole country. Nobody else reads
statistics. Lookups answer `Region.DoesNotExist` alike for "no such region" and "not yours"
(as `backend.producers.lookups` does for shops), so a page answers not found either way.

Regions are addressed by their official code, or `r<id>` for named places without one
(`region_key`, `access_region`).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from backend.accounts.models import User
from backend.regions.models import Region, RegionLevel
from backend.sellers.models import OperatorScope


def _acting_operator(user: User | AnonymousUser | None) -> User | None:
    if user is None or not user.is_authenticated or not user.is_active or not user.is_staff:
        return None
    return user  # type: ignore[return-value]


def is_statistics_reader(user: User | AnonymousUser | None) -> bool:
    """Staff with an operator region (or a superuser): the programme portal's gate."""
    acting = _acting_operator(user)
    if acting is None:
        return False
    return acting.is_superuser or OperatorScope.objects.filter(user_id=acting.pk).exists()


def covers_whole_country(user: User | AnonymousUser | None) -> bool:
    acting = _acting_operator(user)
    if acting is None:
        return False
    return (
        acting.is_superuser
        or OperatorScope.objects.filter(user_id=acting.pk, region__isnull=True).exists()
    )


def covered_region_q(user: User) -> Q:
    """On Region: the regions one of the user's scopes covers (itself or an ancestor)."""
    if user.is_superuser:
        return Q(pk__isnull=False)
    covering = OperatorScope.objects.filter(user_id=user.pk).filter(
        Q(region__isnull=True)
        | Q(region__level=RegionLevel.PROVINCE, region__code=OuterRef("province_code"))
        | Q(region__level=RegionLevel.CITY, region__code=OuterRef("city_code"))
        | Q(region__level=RegionLevel.COUNTY, region__code=OuterRef("county_code"))
        | Q(region_id=OuterRef("pk"))  # a township or village scope: that place
        | Q(region_id=OuterRef("parent_id"))  # and a village under a township scope
    )
    return Q(Exists(covering))


def regions_for_reader(user: User | AnonymousUser | None) -> QuerySet[Region]:
    acting = _acting_operator(user)
    if acting is None:
        return Region.objects.none()
    return Region.objects.filter(covered_region_q(acting))


def top_regions_for_reader(user: User | AnonymousUser | None) -> list[Region]:
    """The regions a reader starts from: every province for the platform, else their scopes."""
    acting = _acting_operator(user)
    if acting is None:
        return []
    if covers_whole_country(acting):
        return list(Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code", "pk"))
    scopes = OperatorScope.objects.filter(user_id=acting.pk, region__isnull=False)
    return list(
        Region.objects.filter(pk__in=scopes.values("region_id")).order_by("level", "code", "pk")
    )


def region_key(region: Region) -> str:
    """How URLs name a region: its official code, or `r<id>` when it has none."""
    return region.code or f"r{region.pk}"


def region_by_key_q(key: str) -> Q | None:
    if key.startswith("r") and key[1:].isdigit():
        return Q(pk=int(key[1:]))
    if key.isdigit():
        return Q(code=key)
    return None


def access_region(user: User | AnonymousUser | None, key: str) -> Region:
    """The region `key` names, if the user may read its statistics; else Region.DoesNotExist
    (the same answer for a region that does not exist and one outside the user's scope)."""
    where = region_by_key_q(key)
    if where is None:
        raise Region.DoesNotExist(key)
    return regions_for_reader(user).select_related("parent").get(where)
