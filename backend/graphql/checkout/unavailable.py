"""Why a variant cannot be bought in a channel, in Saleor's distinctions.

The checkout domain answers "not for sale" (`is_for_sale`); a client is helped by knowing why:
the variant does not exist, has no price in the channel, its product is not published (or its
producer is not active), or it is published but not yet available for purchase. Pure reading,
on the error path only (three queries).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Prefetch
from django.utils import timezone

from backend.catalog.models import (
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.graphql.checkout.enums import CheckoutErrorCode as Code


def explain_unavailable_variants(
    channel_id: int, variant_ids: Sequence[int]
) -> dict[Code, list[int]]:
    now = timezone.now()
    variants = (
        ProductVariant.objects.filter(pk__in=list(variant_ids))
        .select_related("product__producer")
        .prefetch_related(
            Prefetch(
                "channel_listings",
                queryset=ProductVariantChannelListing.objects.filter(channel_id=channel_id),
                to_attr="variant_listings_here",
            ),
            Prefetch(
                "product__channel_listings",
                queryset=ProductChannelListing.objects.filter(channel_id=channel_id),
                to_attr="product_listings_here",
            ),
        )
        .in_bulk()
    )
    reasons: dict[Code, list[int]] = {}
    for variant_id in variant_ids:
        variant = variants.get(variant_id)
        if variant is None:
            reason = Code.NOT_FOUND
        else:
            variant_listings = variant.variant_listings_here  # type: ignore[attr-defined]
            product_listings = variant.product.product_listings_here  # type: ignore[attr-defined]
            listing = product_listings[0] if product_listings else None
            if not variant_listings or listing is None:
                reason = Code.UNAVAILABLE_VARIANT_IN_CHANNEL
            elif (
                not variant.product.producer.is_active
                or not listing.is_published
                or (listing.published_at is not None and listing.published_at > now)
            ):
                reason = Code.PRODUCT_NOT_PUBLISHED
            elif (
                listing.available_for_purchase_at is not None
                and listing.available_for_purchase_at > now
            ):
                reason = Code.PRODUCT_UNAVAILABLE_FOR_PURCHASE
            else:
                reason = Code.UNAVAILABLE_VARIANT_IN_CHANNEL
        reasons.setdefault(reason, []).append(variant_id)
    return reasons
