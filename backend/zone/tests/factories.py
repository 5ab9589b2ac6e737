"""Factories of the zone: pavilions, brands and campaigns."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from backend.regions.models import Region
from backend.zone.models import Campaign, Pavilion, RegionalBrand


class RegionalBrandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalBrand

    name = factory.Sequence(lambda n: f"高原好物{n}")
    slug = factory.Sequence(lambda n: f"brand-{n}")
    tagline = "雪山下的好东西"
    is_published = True


class PavilionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pavilion

    county = factory.LazyFunction(lambda: Region.objects.get(code="621123"))
    name = factory.Sequence(lambda n: f"渭源党参馆{n}")
    slug = factory.Sequence(lambda n: f"pavilion-{n}")
    signature = "党参"
    summary = "中国党参之乡"
    story = "渭源县海拔两千米，党参根条粗壮。"
    is_published = True


class CampaignFactory(factory.django.DjangoModelFactory):
    """Live: started a day ago, ends in a day."""

    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"武乡小米节{n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    summary = "新米上市"
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    is_published = True
