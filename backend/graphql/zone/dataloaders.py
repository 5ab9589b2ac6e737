"""Zone loaders: one query per batch of keys. They load relations of pavilions, brands and
campaigns that were found published; products are filtered to those visible in the channel."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from backend.catalog.lookups import products_visible_in_channel
from backend.catalog.models import Product
from backend.graphql.catalog.dataloaders.products import ChannelKey, group_by_channel
from backend.graphql.core.dataloaders import DataLoader
from backend.graphql.producers.dataloaders import PUBLIC_PRODUCER_FIELDS
from backend.producers.models import Producer
from backend.zone.models import CampaignProduct, Pavilion, PavilionPhoto, RegionalBrand


class BrandByIdLoader(DataLoader[int, RegionalBrand | None]):
    context_key = "zone_brand_by_id"

    def batch_load(self, keys: Sequence[int]) -> list[RegionalBrand | None]:
        brands = RegionalBrand.objects.filter(is_published=True).order_by().in_bulk(keys)
        return [brands.get(k) for k in keys]


class PhotosByPavilionIdLoader(DataLoader[int, list[PavilionPhoto]]):
    context_key = "zone_photos_by_pavilion"

    def batch_load(self, keys: Sequence[int]) -> list[list[PavilionPhoto]]:
        photos: dict[int, list[PavilionPhoto]] = defaultdict(list)
        for photo in PavilionPhoto.objects.filter(pavilion_id__in=keys).order_by(
            "pavilion_id", "sort_order", "pk"
        ):
            photos[photo.pavilion_id].append(photo)
        return [photos.get(k, []) for k in keys]


class PavilionsByBrandIdLoader(DataLoader[int, list[Pavilion]]):
    context_key = "zone_pavilions_by_brand"

    def batch_load(self, keys: Sequence[int]) -> list[list[Pavilion]]:
        found: dict[int, list[Pavilion]] = defaultdict(list)
        rows = Pavilion.objects.filter(is_published=True, brand_id__in=keys).order_by(
            "brand_id", "sort_order", "name", "pk"
        )
        for pavilion in rows:
            if pavilion.brand_id is not None:
                found[pavilion.brand_id].append(pavilion)
        return [found.get(k, []) for k in keys]


class FeaturedProducersByPavilionIdLoader(DataLoader[int, list[Producer]]):
    context_key = "zone_featured_producers_by_pavilion"

    def batch_load(self, keys: Sequence[int]) -> list[list[Producer]]:
        through = Pavilion.featured_producers.through
        rows = (
            through.objects.filter(pavilion_id__in=keys, producer__is_active=True)
            .select_related("producer")
            .only("pavilion_id", *(f"producer__{name}" for name in PUBLIC_PRODUCER_FIELDS))
        )
        found: dict[int, list[Producer]] = defaultdict(list)
        for row in rows:
            found[row.pavilion_id].append(row.producer)
        return [sorted(found.get(k, []), key=lambda p: (p.name, p.pk)) for k in keys]


class FeaturedProductsByPavilionLoader(DataLoader[ChannelKey, list[Product]]):
    """(pavilion id, channel id) -> the signature product, then the chosen ones, visible."""

    context_key = "zone_featured_products_by_pavilion"

    def batch_load(self, keys: Sequence[ChannelKey]) -> list[list[Product]]:
        result: dict[ChannelKey, list[Product]] = {}
        for channel_id, pavilion_ids in group_by_channel(keys).items():
            channel = self.context.channel_by_id(channel_id)
            visible = products_visible_in_channel(channel)
            through = Pavilion.featured_products.through
            chosen = through.objects.filter(
                pavilion_id__in=pavilion_ids, product__in=visible
            ).select_related("product")
            signatures = (
                Pavilion.objects.filter(pk__in=pavilion_ids, signature_product__in=visible)
                .select_related("signature_product")
                .only("id", "signature_product")
            )
            lists: dict[int, list[Product]] = defaultdict(list)
            for pavilion in signatures:
                assert pavilion.signature_product is not None
                lists[pavilion.pk].append(pavilion.signature_product)
            for row in sorted(chosen, key=lambda r: (r.product.name, r.product.pk)):
                if all(p.pk != row.product_id for p in lists[row.pavilion_id]):
                    lists[row.pavilion_id].append(row.product)
            for pavilion_id in pavilion_ids:
                result[(pavilion_id, channel_id)] = lists.get(pavilion_id, [])
        return [result[k] for k in keys]


class FeaturedProductsByCampaignLoader(DataLoader[ChannelKey, list[Product]]):
    """(campaign id, channel id) -> featured products visible in the channel, in order."""

    context_key = "zone_featured_products_by_campaign"

    def batch_load(self, keys: Sequence[ChannelKey]) -> list[list[Product]]:
        result: dict[ChannelKey, list[Product]] = {}
        for channel_id, campaign_ids in group_by_channel(keys).items():
            channel = self.context.channel_by_id(channel_id)
            rows = (
                CampaignProduct.objects.filter(
                    campaign_id__in=campaign_ids,
                    product__in=products_visible_in_channel(channel),
                )
                .select_related("product")
                .order_by("campaign_id", "sort_order", "pk")
            )
            lists: dict[int, list[Product]] = defaultdict(list)
            for row in rows:
                lists[row.campaign_id].append(row.product)
            for campaign_id in campaign_ids:
                result[(campaign_id, channel_id)] = lists.get(campaign_id, [])
        return [result[k] for k in keys]
