"""A small zone for storefront tests: tagged and untagged producers in two counties, their
products in the search index, a pavilion per county under one regional brand, and a live
campaign with a campaign price within the producer's consent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import cast

from django.utils import timezone

from backend.accounts.tests.factories import UserFactory
from backend.catalog.models import Channel, Product, ProductVariant
from backend.catalog.tests.factories import list_product
from backend.producers.models import Producer
from backend.regions.models import Region
from backend.search.indexing import index_products
from backend.verification.models import (
    ApplicationStatus,
    VerificationApplication,
    VerificationKind,
)
from backend.zone.campaign_prices import record_price_consent, set_campaign_price
from backend.zone.models import Campaign, CampaignProduct, Pavilion, RegionalBrand
from backend.zone.tests.factories import CampaignFactory, PavilionFactory, RegionalBrandFactory
from storefront.tests.scenarios import (
    CategoryTree,
    new_disabled_seller,
    new_poor_household,
    new_producer,
    new_product,
)

WEIYUAN = "621123"
CHENGXIAN = "621221"


def grant_tag(producer: Producer, kind: str) -> VerificationApplication:
    """An approved verification (the verification workflow has its own tests)."""
    now = timezone.now()
    return VerificationApplication.objects.create(
        seller=producer,
        kind=kind,
        status=ApplicationStatus.APPROVED,
        valid_from=now - timedelta(days=30),
        valid_until=now + timedelta(days=335),
        decided_at=now,
    )


def let_tag_lapse(application: VerificationApplication) -> None:
    """The approval's year is over: it ended a second ago."""
    VerificationApplication.objects.filter(pk=application.pk).update(
        valid_until=timezone.now() - timedelta(seconds=1)
    )


def listed(
    channel: Channel, producer: Producer, category: object, name: str, slug: str, price: str
) -> Product:
    product = new_product(producer=producer, category=category, name=name, slug=slug)
    list_product(product, channel, [Decimal(price)])
    return product


@dataclass
class Zone:
    household: Producer  # 渭源, verified poor household
    disabled: Producer  # 成县, verified disabled seller
    plain: Producer  # 渭源, no verification
    household_tag: VerificationApplication
    dangshen: Product  # 渭源党参 ¥49.90, household
    slices: Product  # 党参片 ¥39.90, plain
    walnuts: Product  # 成县核桃 ¥25.00, disabled seller
    kernels: Product  # 核桃仁 ¥30.00, plain
    weiyuan: Pavilion
    chengxian: Pavilion
    brand: RegionalBrand
    campaign: Campaign
    walnut_variant: ProductVariant  # campaign price ¥22.00 (consent ¥20.00)


def make_zone(channel: Channel, tree: CategoryTree) -> Zone:
    household = new_poor_household(
        name="王家小院", slug="wang-family", region=Region.objects.get(code=WEIYUAN)
    )
    disabled = new_disabled_seller(
        name="小李核桃", slug="xiaoli-walnuts", region=Region.objects.get(code=CHENGXIAN)
    )
    plain = new_producer(name="高原合作社", slug="plateau-coop")
    household_tag = grant_tag(household, VerificationKind.POOR_HOUSEHOLD)
    grant_tag(disabled, VerificationKind.DISABLED)
    dangshen = listed(channel, household, tree.dangshen, "渭源党参", "weiyuan-dangshen", "49.90")
    slices = listed(channel, plain, tree.dangshen, "党参片", "dangshen-slices", "39.90")
    walnuts = listed(channel, disabled, tree.nuts, "成县核桃", "chengxian-walnuts", "25.00")
    kernels = listed(channel, plain, tree.nuts, "核桃仁", "walnut-kernels", "30.00")
    index_products([p.pk for p in (dangshen, slices, walnuts, kernels)])
    brand = cast(RegionalBrand, RegionalBrandFactory(name="陇上好物", slug="longshang"))
    weiyuan = cast(
        Pavilion,
        PavilionFactory(
            county=Region.objects.get(code=WEIYUAN),
            name="渭源党参馆",
            slug="weiyuan",
            signature="党参",
            signature_product=dangshen,
            brand=brand,
        ),
    )
    weiyuan.featured_producers.add(household)
    chengxian = cast(
        Pavilion,
        PavilionFactory(
            county=Region.objects.get(code=CHENGXIAN),
            name="成县核桃馆",
            slug="chengxian",
            signature="核桃",
            brand=brand,
        ),
    )
    chengxian.featured_products.add(walnuts)
    campaign = cast(Campaign, CampaignFactory(name="成县核桃节", slug="walnut-festival"))
    CampaignProduct.objects.create(campaign=campaign, product=walnuts, sort_order=0)
    CampaignProduct.objects.create(campaign=campaign, product=kernels, sort_order=1)
    walnut_variant = walnuts.variants.get()
    operator = UserFactory(is_staff=True, is_superuser=True)
    record_price_consent(
        campaign, walnut_variant.pk, minimum_amount="20.00", how_agreed="签字", actor=operator
    )
    set_campaign_price(campaign, walnut_variant.pk, amount="22.00", actor=operator)
    return Zone(
        household,
        disabled,
        plain,
        household_tag,
        dangshen,
        slices,
        walnuts,
        kernels,
        weiyuan,
        chengxian,
        brand,
        campaign,
        walnut_variant,
    )
