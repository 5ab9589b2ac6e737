"""Read-side querysets for the public catalogue, shared by the storefront and the GraphQL API.

Public visibility rule (one place): a product is visible in a channel when its listing there is
published (published_at not in the future), it is visible in listings, and its producer is
active. Identity fields of producers are never selected by these querysets' consumers.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from backend.catalog.models import Category, Channel, Collection, Product, ProductChannelListing
from backend.producers.models import Producer


def get_default_channel() -> Channel:
    return Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)


def get_channel(slug: str | None) -> Channel:
    """The active channel with this slug (the default when None); raises Channel.DoesNotExist."""
    return Channel.objects.get(slug=slug or settings.DEFAULT_CHANNEL_SLUG, is_active=True)


def _published_listing(channel: Channel, *, in_listings: bool) -> Q:
    now = timezone.now()
    condition = Q(
        channel_id=channel.pk,
        is_published=True,
    ) & (Q(published_at__isnull=True) | Q(published_at__lte=now))
    if in_listings:
        condition &= Q(visible_in_listings=True)
    return condition


def products_visible_in_channel(channel: Channel, *, in_listings: bool = True) -> QuerySet[Product]:
    """Products a consumer may see in this channel.

    `in_listings=False` also admits products hidden from listings (reachable by direct link).
    """
    listing = ProductChannelListing.objects.filter(
        _published_listing(channel, in_listings=in_listings), product_id=OuterRef("pk")
    )
    return Product.objects.filter(Exists(listing), producer__is_active=True)


def active_producers() -> QuerySet[Producer]:
    return Producer.objects.filter(is_active=True)


def get_public_producer(slug: str) -> Producer:
    """An active producer by slug; raises Producer.DoesNotExist."""
    return active_producers().get(slug=slug)


def categories_with_products(channel: Channel) -> QuerySet[Category]:
    visible = products_visible_in_channel(channel).filter(category_id=OuterRef("pk"))
    return Category.objects.filter(Exists(visible))


def published_collections(channel: Channel) -> QuerySet[Collection]:
    now = timezone.now()
    return Collection.objects.filter(
        Q(channel_listings__published_at__isnull=True) | Q(channel_listings__published_at__lte=now),
        channel_listings__channel_id=channel.pk,
        channel_listings__is_published=True,
    )
