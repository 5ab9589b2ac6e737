"""Loaders for variants, their prices in a channel, stock and media."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db.models import F, Q, Sum
from django.db.models.functions import Greatest

from backend.catalog.models import (
    AssignedVariantAttributeValue,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.graphql.catalog.dataloaders.products import ChannelKey, group_by_channel
from backend.graphql.core.dataloaders import DataLoader
from backend.warehouse.models import Stock


class VariantsByProductIdAndChannelLoader(DataLoader[ChannelKey, list[ProductVariant]]):
    """The variants of a product that have a price in the channel (Saleor hides the others)."""

    context_key = "variants_by_product_and_channel"

    def batch_load(self, keys: Sequence[ChannelKey]) -> list[list[ProductVariant]]:
        found: dict[ChannelKey, list[ProductVariant]] = defaultdict(list)
        for channel_id, product_ids in group_by_channel(keys).items():
            variants = ProductVariant.objects.filter(
                product_id__in=product_ids, channel_listings__channel_id=channel_id
            ).order_by("product_id", "sort_order", "pk")
            for variant in variants:
                found[(variant.product_id, channel_id)].append(variant)
        return [found.get(k, []) for k in keys]


class VariantByIdLoader(DataLoader[int, ProductVariant | None]):
    context_key = "variant_by_id"

    def batch_load(self, keys: Sequence[int]) -> list[ProductVariant | None]:
        variants = ProductVariant.objects.order_by().in_bulk(keys)
        return [variants.get(k) for k in keys]


class VariantChannelListingByVariantIdAndChannelLoader(
    DataLoader[ChannelKey, ProductVariantChannelListing | None]
):
    context_key = "variant_listing_by_variant_and_channel"

    def batch_load(self, keys: Sequence[ChannelKey]) -> list[ProductVariantChannelListing | None]:
        condition = Q()
        for channel_id, variant_ids in group_by_channel(keys).items():
            condition |= Q(channel_id=channel_id, variant_id__in=variant_ids)
        listings = {
            (listing.variant_id, listing.channel_id): listing
            for listing in ProductVariantChannelListing.objects.filter(condition)
        }
        return [listings.get(k) for k in keys]


class AvailableQuantityByVariantIdLoader(DataLoader[int, int]):
    """Units on hand minus units allocated, over all warehouses (never negative)."""

    context_key = "available_quantity_by_variant"

    def batch_load(self, keys: Sequence[int]) -> list[int]:
        rows = (
            Stock.objects.filter(product_variant_id__in=keys)
            .values("product_variant_id")
            .annotate(available=Sum(Greatest(F("quantity") - F("quantity_allocated"), 0)))
            .order_by()
        )
        available = {row["product_variant_id"]: row["available"] or 0 for row in rows}
        return [available.get(k, 0) for k in keys]


class MediaByVariantIdLoader(DataLoader[int, list[ProductMedia]]):
    context_key = "media_by_variant"

    def batch_load(self, keys: Sequence[int]) -> list[list[ProductMedia]]:
        through = ProductMedia.variants.through
        rows = (
            through.objects.filter(productvariant_id__in=keys)
            .select_related("productmedia")
            .order_by("productvariant_id", "productmedia__sort_order", "productmedia__pk")
        )
        media: dict[int, list[ProductMedia]] = defaultdict(list)
        for row in rows:
            media[row.productvariant_id].append(row.productmedia)
        return [media.get(k, []) for k in keys]


class AttributeValuesByVariantIdLoader(DataLoader[int, list[AssignedVariantAttributeValue]]):
    context_key = "attribute_values_by_variant"

    def batch_load(self, keys: Sequence[int]) -> list[list[AssignedVariantAttributeValue]]:
        rows = (
            AssignedVariantAttributeValue.objects.filter(
                variant_id__in=keys, value__attribute__visible_in_storefront=True
            )
            .select_related("value__attribute")
            .order_by(
                "variant_id",
                "value__attribute__storefront_search_position",
                "value__attribute__slug",
                "sort_order",
                "value__sort_order",
                "pk",
            )
        )
        assigned: dict[int, list[AssignedVariantAttributeValue]] = defaultdict(list)
        for row in rows:
            assigned[row.variant_id].append(row)
        return [assigned.get(k, []) for k in keys]
