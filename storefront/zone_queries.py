"""Read queries of the zone pages: pavilions, regional brands and campaigns as frozen shapes
(templates never get model instances). Each function costs a fixed number of queries whatever
the number of pavilions, photos, producers or products it shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from prices import Money

from backend.catalog.models import Channel, ProductVariant
from backend.verification.tags import annotate_live_tags
from backend.zone.lookups import (
    current_campaign,
    get_published_pavilion,
    published_brands,
    published_campaigns,
    published_pavilions,
)
from backend.zone.models import (
    Campaign,
    CampaignPrice,
    CampaignPriceConsent,
    Pavilion,
    PavilionPhoto,
)
from storefront import queries
from storefront.pictures import Picture, picture_for
from storefront.producer_tags import badges_from_codes
from storefront.shapes import ProducerCard, ProductCard

HOME_PAVILIONS = 8


@dataclass(frozen=True)
class PavilionCard:
    name: str
    slug: str
    county_code: str
    county_name: str
    signature: str
    summary: str
    picture: Picture | None


@dataclass(frozen=True)
class BrandLink:
    name: str
    slug: str


@dataclass(frozen=True)
class PavilionDetail:
    card: PavilionCard
    story: str
    photos: list[Picture]
    brand: BrandLink | None
    signature_product: ProductCard | None
    producers: list[ProducerCard]
    featured: list[ProductCard]


@dataclass(frozen=True)
class BrandDetail:
    name: str
    slug: str
    tagline: str
    story: str
    logo: Picture | None
    pavilions: list[PavilionCard]

    @property
    def county_codes(self) -> tuple[str, ...]:
        return tuple(p.county_code for p in self.pavilions)


@dataclass(frozen=True)
class CampaignCard:
    name: str
    slug: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    is_live: bool
    has_ended: bool


@dataclass(frozen=True)
class CampaignOffer:
    """A variant of a featured product as the campaign sells it."""

    variant_id: int
    name: str
    price: Money
    campaign_price: Money | None  # lower than `price` when the campaign sets one


@dataclass(frozen=True)
class CampaignDetail:
    card: CampaignCard
    story: str
    product_ids: tuple[int, ...]
    offers: dict[str, list[CampaignOffer]]  # by product slug


# --- Pavilions ---------------------------------------------------------------------------


def _photos() -> QuerySet[PavilionPhoto]:
    return PavilionPhoto.objects.only(
        "id", "pavilion_id", "image", "alt", "width", "height", "sort_order"
    )


def _pavilions() -> QuerySet[Pavilion]:
    return (
        published_pavilions()
        .select_related("county")
        .only(
            "id",
            "name",
            "slug",
            "signature",
            "summary",
            "sort_order",
            "county__code",
            "county__name",
            "county__full_name",
        )
        .prefetch_related(Prefetch("photos", queryset=_photos(), to_attr="listed_photos"))
    )


def _pavilion_card(pavilion: Pavilion) -> PavilionCard:
    photos = pavilion.listed_photos  # type: ignore[attr-defined]
    first = photos[0] if photos else None
    return PavilionCard(
        name=pavilion.name,
        slug=pavilion.slug,
        county_code=pavilion.county.code or "",
        county_name=pavilion.county.full_name or pavilion.county.name,
        signature=pavilion.signature,
        summary=pavilion.summary,
        # The card's link names the pavilion: its picture is decorative there.
        picture=picture_for(
            first.image.name, "card", alt="", width=first.width, height=first.height
        )
        if first
        else None,
    )


def pavilion_cards(limit: int | None = None) -> list[PavilionCard]:
    """Published pavilions in the operators' order (two queries)."""
    rows = _pavilions().order_by("sort_order", "name", "pk")
    return [_pavilion_card(p) for p in (rows[:limit] if limit else rows)]


def get_pavilion_detail(channel: Channel | None, code_or_slug: str) -> PavilionDetail:
    """Raises Pavilion.DoesNotExist for a missing or unpublished pavilion."""
    key = get_published_pavilion(code_or_slug).pk
    producers = annotate_live_tags(queries._public_producers())
    pavilion = (
        _pavilions()
        .select_related("brand", "signature_product")
        .only(
            "id",
            "name",
            "slug",
            "signature",
            "summary",
            "story",
            "county__code",
            "county__name",
            "county__full_name",
            "brand__name",
            "brand__slug",
            "brand__is_published",
            "signature_product__id",
        )
        .prefetch_related(
            Prefetch("featured_producers", queryset=producers, to_attr="shown_producers")
        )
        .get(pk=key)
    )
    featured_ids = list(
        Pavilion.featured_products.through.objects.filter(pavilion_id=pavilion.pk).values_list(
            "product_id", flat=True
        )
    )
    wanted = set(featured_ids)
    signature_id = pavilion.signature_product.pk if pavilion.signature_product else None
    if signature_id:
        wanted.add(signature_id)
    visible = queries.visible_products(channel).filter(pk__in=wanted).order_by("name", "pk")
    cards = {card.slug: card for card in queries.product_cards(visible, channel)}
    by_id = dict(visible.values_list("pk", "slug"))
    signature_card = cards.get(by_id.get(signature_id, "")) if signature_id else None
    brand = pavilion.brand
    return PavilionDetail(
        card=_pavilion_card(pavilion),
        story=pavilion.story,
        photos=[
            picture_for(p.image.name, "large", alt=p.alt, width=p.width, height=p.height)
            for p in pavilion.listed_photos  # type: ignore[attr-defined]
        ],
        brand=BrandLink(brand.name, brand.slug) if brand and brand.is_published else None,
        signature_product=signature_card,
        producers=[
            queries._producer_card(p, badges_from_codes(p.live_tag_codes))  # type: ignore[attr-defined]
            for p in sorted(pavilion.shown_producers, key=lambda p: (p.name, p.pk))  # type: ignore[attr-defined]
        ],
        # The signature product first, then the operators' choices.
        featured=[
            cards[by_id[pk]]
            for pk in dict.fromkeys([*([signature_id] if signature_id else []), *featured_ids])
            if pk in by_id and by_id[pk] in cards
        ],
    )


# --- Brands ------------------------------------------------------------------------------


def get_brand_detail(slug: str) -> BrandDetail:
    """Raises RegionalBrand.DoesNotExist for a missing or unpublished brand."""
    brand = (
        published_brands()
        .only("id", "name", "slug", "tagline", "story", "logo", "logo_alt")
        .get(slug=slug)
    )
    pavilions = _pavilions().filter(brand_id=brand.pk).order_by("sort_order", "name", "pk")
    return BrandDetail(
        name=brand.name,
        slug=brand.slug,
        tagline=brand.tagline,
        story=brand.story,
        logo=picture_for(brand.logo.name, "thumbnail", alt=brand.logo_alt) if brand.logo else None,
        pavilions=[_pavilion_card(p) for p in pavilions],
    )


def brand_links() -> list[BrandLink]:
    return [BrandLink(b.name, b.slug) for b in published_brands().only("id", "name", "slug")]


# --- Campaigns ---------------------------------------------------------------------------


def _campaign_card(campaign: Campaign, now: datetime) -> CampaignCard:
    return CampaignCard(
        name=campaign.name,
        slug=campaign.slug,
        summary=campaign.summary,
        starts_at=campaign.starts_at,
        ends_at=campaign.ends_at,
        is_live=campaign.is_live(now),
        has_ended=campaign.ends_at <= now,
    )


def current_campaign_card(now: datetime) -> CampaignCard | None:
    campaign = current_campaign(now)
    return _campaign_card(campaign, now) if campaign else None


def _offers(
    channel: Channel | None, campaign: Campaign, product_ids: list[int], now: datetime
) -> dict[str, list[CampaignOffer]]:
    """Each featured product's variants with their listing price and, within the producer's
    consent, the campaign price (two queries)."""
    if channel is None or not product_ids:
        return {}
    variants = (
        ProductVariant.objects.filter(product_id__in=product_ids)
        .select_related("product")
        .only("id", "name", "sku", "product__slug", "sort_order")
        .prefetch_related(
            Prefetch(
                "channel_listings",
                queryset=queries._channel_prices(channel),
                to_attr="channel_prices",
            )
        )
        .order_by("product_id", "sort_order", "pk")
    )
    consented: dict[int, Decimal] = dict(
        CampaignPriceConsent.objects.filter(campaign_id=campaign.pk).values_list(
            "variant_id", "minimum_amount"
        )
    )
    prices = {
        p.variant_id: p.amount
        for p in CampaignPrice.objects.filter(campaign_id=campaign.pk).only("variant_id", "amount")
        if p.variant_id in consented and p.amount >= consented[p.variant_id]
    }
    live = campaign.is_live(now)
    offers: dict[str, list[CampaignOffer]] = {}
    for variant in variants:
        listings = variant.channel_prices  # type: ignore[attr-defined]
        if not listings:
            continue
        price = Money(listings[0].price_amount, listings[0].currency)
        special = prices.get(variant.pk)
        campaign_price = (
            Money(special, price.currency)
            if live and special is not None and special < price.amount
            else None
        )
        offers.setdefault(variant.product.slug, []).append(
            CampaignOffer(variant.pk, variant.name or variant.sku or "", price, campaign_price)
        )
    return offers


def get_campaign_detail(channel: Channel | None, slug: str, now: datetime) -> CampaignDetail:
    """Raises Campaign.DoesNotExist for a missing or unpublished campaign (a campaign that has
    ended keeps its page, saying so)."""
    campaign = published_campaigns().get(slug=slug)
    product_ids = list(
        campaign.featured_products.order_by("sort_order", "pk").values_list("product_id", flat=True)
    )
    return CampaignDetail(
        card=_campaign_card(campaign, now),
        story=campaign.story,
        product_ids=tuple(product_ids),
        offers=_offers(channel, campaign, product_ids, now),
    )


def get_live_campaign(slug: str, now: datetime) -> Campaign:
    campaign = published_campaigns().get(slug=slug)
    if not campaign.is_live(now):
        raise Campaign.DoesNotExist("campaign not live")
    return campaign
