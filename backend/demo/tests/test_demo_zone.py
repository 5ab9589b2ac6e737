"""The demo's special-products zone (backend/demo/loading/zone.py): run after `load_demo()`,
twice, through the real services."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import authenticate

from backend.audit.models import AuditEvent, AuditEventType
from backend.demo.accounts import DEMO_PASSWORD
from backend.demo.loading import DemoLoadResult
from backend.demo.loading.zone import CAMPAIGN_SLUG, ZONE_OWNERS, load_demo_zone
from backend.producers.models import Producer
from backend.verification.models import VerificationApplication
from backend.verification.tags import live_tags_for_producers
from backend.zone.lookups import current_campaign
from backend.zone.models import (
    CampaignPrice,
    CampaignPriceConsent,
    Pavilion,
    PavilionPhoto,
    RegionalBrand,
)


def test_load_demo_zone_twice_makes_the_zone_once(demo: DemoLoadResult) -> None:
    # when
    first = load_demo_zone()
    counts = (
        VerificationApplication.objects.count(),
        Pavilion.objects.count(),
        PavilionPhoto.objects.count(),
        RegionalBrand.objects.count(),
        CampaignPriceConsent.objects.count(),
        CampaignPrice.objects.count(),
        AuditEvent.objects.filter(event_type=AuditEventType.CAMPAIGN_PRICE_SET).count(),
    )
    second = load_demo_zone()

    # then
    assert first == second
    assert counts == (
        VerificationApplication.objects.count(),
        Pavilion.objects.count(),
        PavilionPhoto.objects.count(),
        RegionalBrand.objects.count(),
        CampaignPriceConsent.objects.count(),
        CampaignPrice.objects.count(),
        AuditEvent.objects.filter(event_type=AuditEventType.CAMPAIGN_PRICE_SET).count(),
    )
    assert (first.pavilions, first.brands, first.campaign_products, first.campaign_prices) == (
        5,
        2,
        5,
        2,
    )


def test_load_demo_zone_verifies_shops_in_more_counties(demo: DemoLoadResult) -> None:
    # when
    load_demo_zone()

    # then: every listed shop has a live tag, and its owner can sign in
    producers = Producer.objects.in_bulk(list(ZONE_OWNERS), field_name="slug")
    tags = live_tags_for_producers(p.pk for p in producers.values())
    assert all(tags[p.pk] for p in producers.values())
    assert authenticate(username=ZONE_OWNERS["mancang-millet"], password=DEMO_PASSWORD)


def test_load_demo_zone_campaign_is_on_now_with_prices_within_consent(
    demo: DemoLoadResult,
) -> None:
    # when
    load_demo_zone()

    # then
    campaign = current_campaign()
    assert campaign is not None
    assert campaign.slug == CAMPAIGN_SLUG
    for price in CampaignPrice.objects.filter(campaign=campaign):
        consent = CampaignPriceConsent.objects.get(campaign=campaign, variant=price.variant)
        assert price.amount >= consent.minimum_amount > Decimal("0")
    brand = RegionalBrand.objects.get(slug="kangba-treasures")
    assert sorted(str(c) for c in brand.pavilions.values_list("county__code", flat=True)) == [
        "513328",
        "513334",
    ]
