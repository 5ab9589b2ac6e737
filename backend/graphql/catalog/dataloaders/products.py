"""Loaders for products and what hangs off a product (one query per batch of keys).

These load relations of products the caller already found visible; keys that carry a channel
filter by that channel in the query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Q
from django.utils import timezone

from backend.catalog.models import (
    AssignedProductAttributeValue,
    Category,
    Collection,
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
)
from backend.graphql.core.dataloaders import DataLoader

ChannelKey = tuple[int, int]  # (object id, channel id)


def group_by_channel(keys: Sequence[ChannelKey]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    for object_id, channel_id in keys:
        grouped[channel_id].append(object_id)
    return grouped


class ProductByIdLoader(DataLoader[int, Product | None]):
    context_key = "product_by_id"

    def batch_load(self, keys: Sequence[int]) -> list[Product | None]:
        products = Product.objects.order_by().in_bulk(keys)
        return [products.get(k) for k in keys]


class ProductTypeByIdLoader(DataLoader[int, ProductType | None]):
    context_key = "product_type_by_id"

    def batch_load(self, keys: Sequence[int]) -> list[ProductType | None]:
        types = ProductType.objects.order_by().in_bulk(keys)
        return [types.get(k) for k in keys]


class CategoryByIdLoader(DataLoader[int, Category | None]):
    context_key = "category_by_id"

    def batch_load(self, keys: Sequence[int]) -> list[Category | None]:
        categories = Category.objects.order_by().in_bulk(keys)
        return [categories.get(k) for k in keys]


class ProductChannelListingByProductIdAndChannelLoader(
    DataLoader[ChannelKey, ProductChannelListing | None]
):
    context_key = "product_listing_by_product_and_channel"

    def batch_load(self, keys: Sequence[ChannelKey]) -> list[ProductChannelListing | None]:
        condition = Q()
        for channel_id, product_ids in group_by_channel(keys).items():
            condition |= Q(channel_id=channel_id, product_id__in=product_ids)
        listings = {
            (listing.product_id, listing.channel_id): listing
            for listing in ProductChannelListing.objects.filter(condition)
        }
        return [listings.get(k) for k in keys]


class MediaByProductIdLoader(DataLoader[int, list[ProductMedia]]):
    context_key = "media_by_product"

    def batch_load(self, keys: Sequence[int]) -> list[list[ProductMedia]]:
        media: dict[int, list[ProductMedia]] = defaultdict(list)
        for item in ProductMedia.objects.filter(product_id__in=keys).order_by(
            "product_id", "sort_order", "pk"
        ):
            media[item.product_id].append(item)
        return [media.get(k, []) for k in keys]


class AttributeValuesByProductIdLoader(DataLoader[int, list[AssignedProductAttributeValue]]):
    """Assigned values of storefront-visible attributes, with value and attribute joined."""

    context_key = "attribute_values_by_product"

    def batch_load(self, keys: Sequence[int]) -> list[list[AssignedProductAttributeValue]]:
        assigned: dict[int, list[AssignedProductAttributeValue]] = defaultdict(list)
        rows = (
            AssignedProductAttributeValue.objects.filter(
                product_id__in=keys, value__attribute__visible_in_storefront=True
            )
            .select_related("value__attribute")
            .order_by(
                "product_id",
                "value__attribute__storefront_search_position",
                "value__attribute__slug",
                "sort_order",
                "value__sort_order",
                "pk",
            )
        )
        for row in rows:
            assigned[row.product_id].append(row)
        return [assigned.get(k, []) for k in keys]


class PublishedCollectionsByProductIdAndChannelLoader(DataLoader[ChannelKey, list[Collection]]):
    """Collections a product belongs to that are published in the channel."""

    context_key = "published_collections_by_product_and_channel"

    def batch_load(self, keys: Sequence[ChannelKey]) -> list[list[Collection]]:
        now = timezone.now()
        found: dict[ChannelKey, list[Collection]] = defaultdict(list)
        # One query per channel in the batch (almost always one). A single filter() call, so
        # channel and publication are checked on the same listing row.
        for channel_id, product_ids in group_by_channel(keys).items():
            memberships = (
                CollectionProduct.objects.filter(
                    Q(collection__channel_listings__published_at__isnull=True)
                    | Q(collection__channel_listings__published_at__lte=now),
                    product_id__in=product_ids,
                    collection__channel_listings__channel_id=channel_id,
                    collection__channel_listings__is_published=True,
                )
                .select_related("collection")
                .order_by("product_id", "collection__slug")
            )
            for membership in memberships:
                found[(membership.product_id, channel_id)].append(membership.collection)
        return [found.get(k, []) for k in keys]
