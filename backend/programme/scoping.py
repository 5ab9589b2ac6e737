"""Which programme records an operator may see and write: those in the regions they cover.

The rule is `backend.sellers.permissions.operator_region_q`'s (a scope covers everything below
it; a scope without a region, or a superuser, covers the whole country), applied to whatever
region a record hangs from (`region_path`, e.g. "household__region", "course__region").
"""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from backend.accounts.models import User
from backend.regions.models import Region, RegionLevel
from backend.sellers.models import OperatorScope
from backend.sellers.permissions import is_operator

M = TypeVar("M", bound=Model)


def programme_operator(user: User | AnonymousUser | None) -> bool:
    """An active staff account with an operator region (or a superuser)."""
    return is_operator(user)


def region_scope_q(user: User | AnonymousUser, region_path: str = "region") -> Q:
    """Rows whose region (reached through `region_path`; "" for Region itself) the user covers.

    Not an operator: no rows (a Q that matches nothing)."""
    if not programme_operator(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q(pk__isnull=False)
    prefix = f"{region_path}__" if region_path else ""
    region_id = f"{region_path}_id" if region_path else "pk"
    covering = OperatorScope.objects.filter(user_id=user.pk or 0).filter(
        Q(region__isnull=True)
        | Q(region__level=RegionLevel.PROVINCE, region__code=OuterRef(f"{prefix}province_code"))
        | Q(region__level=RegionLevel.CITY, region__code=OuterRef(f"{prefix}city_code"))
        | Q(region__level=RegionLevel.COUNTY, region__code=OuterRef(f"{prefix}county_code"))
        | Q(region_id=OuterRef(region_id))
        | Q(region_id=OuterRef(f"{prefix}parent_id"))
    )
    return Q(Exists(covering))


def covers_region(user: User | AnonymousUser, region: Region | None) -> bool:
    if region is None or region.pk is None:
        return False
    return Region.objects.filter(region_scope_q(user, ""), pk=region.pk).exists()


def regions_in_scope(user: User | AnonymousUser) -> QuerySet[Region]:
    """The regions the user may file records under (for form choices)."""
    return Region.objects.filter(region_scope_q(user, ""))


# How each record reaches the region it is filed under.
REGION_PATHS: dict[str, str] = {
    "household": "region",
    "householdmember": "household__region",
    "householdincome": "household__region",
    "householdproducerlink": "household__region",
    "course": "region",
    "enrolment": "course__region",
    "subsidyclaim": "enrolment__course__region",
    "mentorassignment": "producer__region",
    "mentornote": "assignment__producer__region",
    "listingqualityreview": "producer__region",
    "listingqualityscore": "review__producer__region",
    "supportrecord": "region",
    "target": "region",
}


def region_path_of(model: type[Model]) -> str:
    return REGION_PATHS[model._meta.model_name or ""]


def records_for(actor: User | AnonymousUser, model: type[M]) -> QuerySet[M]:
    """The model's rows the actor may see and change (none for a non-operator)."""
    return model._default_manager.filter(region_scope_q(actor, region_path_of(model)))


def region_of(record: Model) -> Region | None:
    """The region a record (saved or not) is filed under, following `REGION_PATHS`."""
    node: object = record
    for step in region_path_of(type(record)).split("__"):
        if node is None:
            return None
        node = getattr(node, step, None)
    return node if isinstance(node, Region) else None
