"""`fetch_checkout_info`: a checkout with everything pricing, problems and completion need,
in a fixed number of queries whatever the number of lines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone

from backend.catalog.models import (
    Channel,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.checkout.models import Checkout, CheckoutLine, ShippingMethod
from backend.checkout.shipping import ParcelRoute, ShippingTables
from backend.checkout.shipping_tables import load_shipping_tables
from backend.checkout.variant_facts import VariantFacts, variant_facts
from backend.delivery.models import PickupPoint
from backend.producers.models import IDENTITY_FIELDS, Producer
from backend.warehouse.locks import CHECKOUT_RELATED


@dataclass(frozen=True)
class CheckoutLineInfo:
    line: CheckoutLine
    variant: ProductVariant
    product: Product
    producer: Producer
    variant_listing: ProductVariantChannelListing | None
    product_listing: ProductChannelListing | None
    facts: VariantFacts

    @property
    def unit_weight_grams(self) -> int:
        for weight in (
            self.variant.weight_grams,
            self.product.weight_grams,
            self.product.product_type.weight_grams,
        ):
            if weight is not None:
                return weight
        return 0

    def is_available(self, now: datetime) -> bool:
        return is_for_sale(self.producer, self.product_listing, self.variant_listing, now)


def is_for_sale(
    producer: Producer,
    product_listing: ProductChannelListing | None,
    variant_listing: ProductVariantChannelListing | None,
    now: datetime,
) -> bool:
    """The one rule checkout applies: the catalogue's visibility rule (published, producer
    active) plus available for purchase and a variant price in the channel."""
    return bool(
        producer.is_active
        and variant_listing is not None
        and product_listing is not None
        and product_listing.is_published
        and (product_listing.published_at is None or product_listing.published_at <= now)
        and (
            product_listing.available_for_purchase_at is None
            or product_listing.available_for_purchase_at <= now
        )
    )


def _channel_listing_prefetches(channel_id: int, prefix: str) -> list[Prefetch]:
    return [
        Prefetch(
            f"{prefix}channel_listings",
            queryset=ProductVariantChannelListing.objects.filter(channel_id=channel_id),
            to_attr="checkout_listings",
        ),
        Prefetch(
            f"{prefix}product__channel_listings",
            queryset=ProductChannelListing.objects.filter(channel_id=channel_id),
            to_attr="checkout_listings",
        ),
    ]


def variants_for_sale(channel: Channel, variant_ids: Iterable[int]) -> dict[int, ProductVariant]:
    """The variants among these that are for sale in the channel, by id (three queries)."""
    now = timezone.now()
    variants = (
        ProductVariant.objects.filter(pk__in=list(variant_ids))
        .select_related("product__producer")
        .defer(*(f"product__producer__{name}" for name in IDENTITY_FIELDS))
        .prefetch_related(*_channel_listing_prefetches(channel.pk, ""))
    )
    result = {}
    for variant in variants:
        variant_listings = variant.checkout_listings  # type: ignore[attr-defined]
        product_listings = variant.product.checkout_listings  # type: ignore[attr-defined]
        if is_for_sale(
            variant.product.producer,
            product_listings[0] if product_listings else None,
            variant_listings[0] if variant_listings else None,
            now,
        ):
            result[variant.pk] = variant
    return result


@dataclass(frozen=True)
class CheckoutInfo:
    checkout: Checkout
    channel: Channel
    lines: list[CheckoutLineInfo]
    delivery_method: ShippingMethod | None
    shipping: ShippingTables
    pickup_point: PickupPoint | None = None

    @property
    def pickup_point_id(self) -> int | None:
        return self.pickup_point.pk if self.pickup_point is not None else None

    @property
    def destination_province_code(self) -> str:
        """The chosen pickup point's province, else the delivery address's."""
        point = self.pickup_point
        if point is not None:
            return point.region.province_code
        county = self.checkout.shipping_county
        return county.province_code if county is not None else ""

    @property
    def has_destination(self) -> bool:
        return self.checkout.shipping_county_id is not None

    def route(self, producer: Producer) -> ParcelRoute:
        region = producer.region
        codes = {region.province_code, region.city_code, region.county_code, region.code or ""}
        return ParcelRoute(
            producer_id=producer.pk,
            origin_codes=frozenset(c for c in codes if c),
            destination_province_code=self.destination_province_code,
        )


def fetch_checkout_lines(checkout: Checkout) -> list[CheckoutLineInfo]:
    channel_id = checkout.channel_id
    lines = list(
        CheckoutLine.objects.filter(checkout_id=checkout.pk)
        .select_related(
            "variant__product__producer__region",
            "variant__product__product_type",
            "zone_campaign__campaign",  # campaign pricing (backend.catalog.pricing)
        )
        .defer(*(f"variant__product__producer__{name}" for name in IDENTITY_FIELDS))
        .prefetch_related(*_channel_listing_prefetches(channel_id, "variant__"))
        .order_by("created_at", "pk")
    )
    facts = variant_facts((line.variant_id, line.variant.product_id) for line in lines)
    infos = []
    for line in lines:
        variant = line.variant
        product = variant.product
        variant_listings = variant.checkout_listings  # type: ignore[attr-defined]
        product_listings = product.checkout_listings  # type: ignore[attr-defined]
        infos.append(
            CheckoutLineInfo(
                line=line,
                variant=variant,
                product=product,
                producer=product.producer,
                variant_listing=variant_listings[0] if variant_listings else None,
                product_listing=product_listings[0] if product_listings else None,
                facts=facts[variant.pk],
            )
        )
    return infos


def fetch_checkout_info(checkout: Checkout) -> CheckoutInfo:
    """Pass a checkout loaded with its channel, delivery method, pickup point and regions (as
    the lock helpers and `get_checkout` load it)."""
    lines = fetch_checkout_lines(checkout)
    point_ids = [checkout.pickup_point_id] if checkout.pickup_point_id else []
    return CheckoutInfo(
        checkout=checkout,
        channel=checkout.channel,
        lines=lines,
        delivery_method=checkout.delivery_method,
        shipping=load_shipping_tables({li.producer.pk for li in lines}, point_ids),
        pickup_point=checkout.pickup_point,
    )


def get_checkout(token: UUID | str) -> Checkout:
    """A checkout by token with what `fetch_checkout_info` reads; raises Checkout.DoesNotExist
    (also for a malformed token)."""
    try:
        return Checkout.objects.select_related(*CHECKOUT_RELATED).get(pk=token)
    except (ValueError, TypeError, ValidationError) as exc:
        raise Checkout.DoesNotExist(str(exc)) from exc
