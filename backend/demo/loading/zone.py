"""The demo's special-products zone: verified sellers in more counties, a pavilion per demo
county, two regional brands, and a campaign on now (武乡小米节) with featured products and a
campaign price within the producer's consent.

Runs after `load_demo()` (it needs the catalogue, the logins and the platform operator), outside
any transaction (the verification and campaign-price services open durable ones). Everything is
keyed by slug or code, so a second run changes nothing: pavilions, brands and the campaign are
found by slug, verifications that exist are kept, consents and prices are written only when
missing. The shops verified here get an invented owner login (listed by `ZONE_OWNERS`) because
only a shop's owner may apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from backend.accounts.models import User
from backend.catalog.models import Product, ProductVariantChannelListing
from backend.demo.accounts import DEMO_PASSWORD
from backend.demo.definitions import VerificationDef
from backend.demo.loading.people import _load_verification
from backend.demo.pictures import CARD_SIZE, draw_product_card, palette_for
from backend.images.tasks import make_renditions_task
from backend.producers.models import Producer
from backend.regions.models import Region
from backend.zone.campaign_prices import record_price_consent, set_campaign_price
from backend.zone.models import (
    Campaign,
    CampaignPrice,
    CampaignPriceConsent,
    CampaignProduct,
    Pavilion,
    PavilionPhoto,
    RegionalBrand,
)

OPERATOR_EMAIL = "operator@demo.sunshine.test"

# Shops verified for the zone (kind, statement); each gets the owner login below if it has none.
ZONE_VERIFICATIONS = (
    ("xiaojun-walnuts", "disabled", "我有残疾人证，附证件照片。"),
    ("mancang-millet", "disabled", "我是肢体残疾人，附残疾人证。"),
    ("hao-family-grains", "poor_household", "我家是建档立卡贫困户，附登记证明。"),
    ("zhaxi-yak-family", "poor_household", "我家是建档立卡贫困户，附登记证明。"),
    ("litang-barley-coop", "cooperative", "本社是依法登记的农民专业合作社，附营业执照。"),
    ("kangding-yak-base", "poverty_base", "本基地吸纳贫困户和残疾人就业，附认定证书。"),
)
ZONE_OWNERS = {slug: f"{slug}@demo.sunshine.test" for slug, _, _ in ZONE_VERIFICATIONS}


@dataclass(frozen=True)
class PavilionDef:
    county_code: str
    slug: str
    name: str
    signature: str
    signature_product: str
    summary: str
    story: str
    brand: str = ""


BRANDS = {
    "kangba-treasures": (
        "康巴山珍",
        "雪山草原上的好东西",
        "甘孜州几个县的牧民和合作社一起用的区域品牌：牦牛肉、青稞、酥油，都从高原牧场直接发出。",
        "513300",
    ),
    "longshang-goods": (
        "陇上好物",
        "陇中陇南的山货",
        "渭源的党参、成县的核桃，同属甘肃的山区县，一起参加展会、一起发货。",
        "620000",
    ),
}

PAVILIONS = (
    PavilionDef(
        "621123",
        "weiyuan",
        "渭源党参馆",
        "党参",
        "weiyuan-baitiao-dangshen",
        "中国党参之乡，海拔两千米的药材",
        "渭源县在渭河源头，山高气凉，种党参已有几百年。县里的残疾人专职委员教乡亲们开网店，"
        "躺在床上的柳春生也把乡亲们的党参卖到了全国。",
        "longshang-goods",
    ),
    PavilionDef(
        "621221",
        "chengxian",
        "成县核桃馆",
        "核桃",
        "chengxian-paper-shell-walnut",
        "薄皮核桃，一捏就开",
        "成县核桃皮薄仁满。核桃扶贫车间里，残疾工人把核桃分级、烘干、装盒。",
        "longshang-goods",
    ),
    PavilionDef(
        "140429",
        "wuxiang",
        "武乡小米馆",
        "小米",
        "wuxiang-yellow-millet",
        "太行山上的黄小米",
        "武乡小米熬粥上面一层米油。每年秋收后，县里办小米节，家家户户把新米拿出来卖。",
    ),
    PavilionDef(
        "513328",
        "ganzi",
        "甘孜牦牛馆",
        "牦牛肉",
        "ganzi-air-dried-yak-jerky",
        "高原风干牦牛肉",
        "甘孜县的牧民冬天在高原上风干牦牛肉，一斤鲜肉出不了四两干。",
        "kangba-treasures",
    ),
    PavilionDef(
        "513334",
        "litang",
        "理塘青稞馆",
        "青稞",
        "",
        "海拔四千米的青稞",
        "理塘的青稞合作社把社员家的青稞收来，磨成糌粑粉、做成青稞饼。",
        "kangba-treasures",
    ),
)

CAMPAIGN_SLUG = "wuxiang-millet-festival"
CAMPAIGN_PRODUCTS = (
    "wuxiang-yellow-millet",
    "wuxiang-organic-millet",
    "wuxiang-millet-crisps",
    "wuxiang-black-millet",
    "wuxiang-mung-beans",
)
# The campaign price of the first variant of these products, as a share of the listing price,
# and the lowest share the producer agreed to.
CAMPAIGN_DISCOUNTS = {
    "wuxiang-yellow-millet": ("0.90", "0.85"),
    "wuxiang-black-millet": ("0.92", "0.88"),
}


@dataclass(frozen=True)
class DemoZoneResult:
    verified: int
    pavilions: int
    brands: int
    campaign_products: int
    campaign_prices: int


def _owner(producer: Producer) -> User:
    if producer.owner_id is not None:
        assert producer.owner is not None
        return producer.owner
    email = ZONE_OWNERS[producer.slug]
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, name=producer.contact_name or producer.name
        )
    producer.owner = user
    producer.save(update_fields=["owner"])
    return user


def _verify_shops(operator: User) -> int:
    done = 0
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for slug, kind, statement in ZONE_VERIFICATIONS:
            producer = Producer.objects.filter(slug=slug).first()
            if producer is None:
                continue
            definition = VerificationDef(slug, kind, "approved", statement)
            _load_verification(definition, applicant=_owner(producer), reviewer=operator)
            done += 1
    return done


def _product(slug: str) -> Product | None:
    return Product.objects.filter(slug=slug).first() if slug else None


def _photo(pavilion: Pavilion, definition: PavilionDef) -> None:
    if pavilion.photos.exists():
        return
    county = pavilion.county.full_name or pavilion.county.name
    picture = draw_product_card(definition.name, county, palette_for(None))
    photo = PavilionPhoto(
        pavilion=pavilion,
        alt=f"{definition.name}的宣传图：写着“{definition.name}”和“{county}”",
        width=CARD_SIZE,
        height=CARD_SIZE,
    )
    photo.image.save(f"{definition.slug}.jpg", ContentFile(picture), save=False)
    photo.save()
    transaction.on_commit(partial(make_renditions_task.delay, photo.image.name))


def _load_places() -> tuple[int, int]:
    brands = {}
    for position, (slug, (name, tagline, story, region_code)) in enumerate(BRANDS.items()):
        brand, _ = RegionalBrand.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "tagline": tagline,
                "story": story,
                "region": Region.objects.filter(code=region_code).first(),
                "is_published": True,
                "sort_order": position,
            },
        )
        brands[slug] = brand
    for position, definition in enumerate(PAVILIONS):
        county = Region.objects.get(code=definition.county_code)
        pavilion, created = Pavilion.objects.get_or_create(
            county=county,
            defaults={
                "slug": definition.slug,
                "name": definition.name,
                "signature": definition.signature,
                "signature_product": _product(definition.signature_product),
                "summary": definition.summary,
                "story": definition.story,
                "brand": brands.get(definition.brand),
                "is_published": True,
                "sort_order": position,
            },
        )
        if created:
            local = Producer.objects.filter(region__county_code=definition.county_code)
            pavilion.featured_producers.set(local.order_by("name", "pk")[:4])
            chosen = Product.objects.filter(producer__in=local).exclude(
                slug=definition.signature_product
            )
            pavilion.featured_products.set(chosen.order_by("slug")[:3])
        _photo(pavilion, definition)
    return len(PAVILIONS), len(brands)


def _load_campaign(operator: User) -> tuple[int, int]:
    now = timezone.now()
    campaign, _ = Campaign.objects.get_or_create(
        slug=CAMPAIGN_SLUG,
        defaults={
            "name": "武乡小米节",
            "summary": "新米上市，满仓小米坊、郝家杂粮一起过节",
            "story": "每年秋收以后，武乡县办小米节。节日期间从这里买小米，部分小米有节日价，"
            "价格都是生产者自己同意的。",
            "starts_at": now - timedelta(days=3),
            "ends_at": now + timedelta(days=27),
            "is_published": True,
        },
    )
    for position, slug in enumerate(CAMPAIGN_PRODUCTS):
        product = _product(slug)
        if product is not None:
            CampaignProduct.objects.get_or_create(
                campaign=campaign, product=product, defaults={"sort_order": position}
            )
    prices = 0
    for slug, (share, floor) in CAMPAIGN_DISCOUNTS.items():
        product = _product(slug)
        variant = product.variants.order_by("sort_order", "pk").first() if product else None
        listing = (
            ProductVariantChannelListing.objects.filter(variant=variant).first()
            if variant
            else None
        )
        if variant is None or listing is None:
            continue
        cent = Decimal("0.01")
        if not CampaignPriceConsent.objects.filter(campaign=campaign, variant=variant).exists():
            record_price_consent(
                campaign,
                variant.pk,
                minimum_amount=(listing.price_amount * Decimal(floor)).quantize(cent),
                how_agreed="演示数据：生产者在小米节报名表上签字同意",
                actor=operator,
            )
        if not CampaignPrice.objects.filter(campaign=campaign, variant=variant).exists():
            set_campaign_price(
                campaign,
                variant.pk,
                amount=(listing.price_amount * Decimal(share)).quantize(cent),
                actor=operator,
            )
        prices += 1
    return campaign.featured_products.count(), prices


def load_demo_zone() -> DemoZoneResult:
    operator = User.objects.get(email=OPERATOR_EMAIL)
    verified = _verify_shops(operator)
    with transaction.atomic():
        pavilions, brands = _load_places()
    featured, prices = _load_campaign(operator)
    return DemoZoneResult(verified, pavilions, brands, featured, prices)
