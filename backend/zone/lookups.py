"""Public reads of the zone: published pavilions, brands and campaigns (operators' drafts stay
invisible: a draft and a missing slug are the same "not found")."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet
from django.db.models.functions import Now

from backend.zone.models import Campaign, Pavilion, RegionalBrand


def published_pavilions() -> QuerySet[Pavilion]:
    return Pavilion.objects.filter(is_published=True)


def get_published_pavilion(code_or_slug: str) -> Pavilion:
    """By the county's official code (`621123`) or the pavilion's slug; raises DoesNotExist."""
    key = code_or_slug.strip()
    return (
        published_pavilions()
        .select_related("county", "brand")
        .get(Q(slug=key) | Q(county__code=key))
    )


def published_brands() -> QuerySet[RegionalBrand]:
    return RegionalBrand.objects.filter(is_published=True)


def published_campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.filter(is_published=True)


def live_campaigns(now: datetime | None = None) -> QuerySet[Campaign]:
    moment = now if now is not None else Now()
    return published_campaigns().filter(starts_at__lte=moment, ends_at__gt=moment)


def current_campaign(now: datetime | None = None) -> Campaign | None:
    """The live campaign that ends soonest (the one a buyer should not miss)."""
    return live_campaigns(now).order_by("ends_at", "pk").first()
