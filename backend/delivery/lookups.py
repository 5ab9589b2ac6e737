"""Read-side querysets for pickup points and their staff."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from backend.accounts.models import User
from backend.checkout.models import ShippingMethod
from backend.delivery.models import PickupPoint, PickupPointStaff
from backend.regions.models import Region

COURIERS = Prefetch(
    "couriers",
    queryset=ShippingMethod.objects.filter(is_active=True).order_by("sort_order", "pk"),
    to_attr="active_couriers",
)


def pickup_points_near(county: Region) -> QuerySet[PickupPoint]:
    """Active pickup points in the county's city, the county's own first (then by kind: county
    centre, township, village; then name). A municipality's districts have no city: the
    municipality counts as the city. Two queries with the couriers."""
    same_county = Case(
        When(region__county_code=county.county_code or county.code, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    points = PickupPoint.objects.filter(is_active=True).select_related("region")
    if county.city_code:
        points = points.filter(region__city_code=county.city_code)
    else:  # a municipality's district (北京, 上海, 天津, 重庆): the municipality is the city
        points = points.filter(region__province_code=county.province_code)
    return (
        points.annotate(same_county=same_county)
        .prefetch_related(COURIERS)
        .order_by("same_county", "kind", "name", "pk")
    )


def active_couriers(point: PickupPoint) -> list[ShippingMethod]:
    """The point's active couriers, in the methods' order (prefetched by the lookups here)."""
    prefetched = getattr(point, "active_couriers", None)
    if prefetched is not None:
        return list(prefetched)
    return list(point.couriers.filter(is_active=True).order_by("sort_order", "pk"))


def get_pickup_point_near(point_id: int, county: Region) -> PickupPoint:
    """Raises PickupPoint.DoesNotExist for a missing, closed or far-away point."""
    return pickup_points_near(county).get(pk=point_id)


def pickup_points_for_staff(user: User) -> QuerySet[PickupPoint]:
    """The active points where this (active) user works."""
    if not user.is_authenticated or not user.is_active or user.pk is None:
        return PickupPoint.objects.none()
    return (
        PickupPoint.objects.filter(
            is_active=True, staff__user_id=user.pk, staff__removed_at__isnull=True
        )
        .select_related("region")
        .distinct()
        .order_by("name", "pk")
    )


def is_pickup_point_staff(user: User, point_id: int) -> bool:
    return PickupPointStaff.objects.filter(
        pickup_point_id=point_id,
        user_id=user.pk,
        removed_at__isnull=True,
        user__is_active=True,
        pickup_point__is_active=True,
    ).exists()
