"""Sellers create and edit their products (the portal and the API call these services).

Each service owns its transaction, validates first, changes rows, and writes the audit row in the
same transaction. Callers pass a producer or product they already resolved through a
tenant-scoped lookup (`backend.producers.lookups`), so these services never see another shop's
objects.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pypinyin import lazy_pinyin

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.catalog.errors import CatalogError, CatalogErrorCode
from backend.catalog.events import record_product_event
from backend.catalog.models import (
    Category,
    Channel,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.producers.models import Producer
from backend.warehouse.models import Stock, Warehouse

NAME_MAX = 120
DESCRIPTION_MAX = 5000
PRICE_MAX = Decimal("1000000")
STOCK_MAX = 1_000_000
DEFAULT_PRODUCT_TYPE_SLUG = "farm-product"


@dataclass(frozen=True)
class ProductDraft:
    """What a seller answers when adding a product (one question per portal page)."""

    name: str
    category_id: int | None
    description: str
    variant_name: str
    price: Decimal
    weight_grams: int | None
    stock: int


def clean_name(value: str) -> str:
    name = " ".join((value or "").split())
    if not name:
        raise CatalogError(CatalogErrorCode.REQUIRED, _("Enter the product name"), field="name")
    if len(name) > NAME_MAX:
        raise CatalogError(
            CatalogErrorCode.TOO_LONG,
            _("The name must be %(max)d characters or fewer"),
            field="name",
            params={"max": NAME_MAX},
        )
    return name


def clean_price(value: Decimal | str) -> Decimal:
    try:
        price = Decimal(str(value).replace("¥", "").replace(",", "").strip())
    except InvalidOperation:
        raise CatalogError(
            CatalogErrorCode.PRICE_INVALID,
            _("Enter the price as a number of yuan, like 25 or 25.50"),
            field="price",
        ) from None
    if not price.is_finite() or price <= 0 or price >= PRICE_MAX:
        raise CatalogError(
            CatalogErrorCode.PRICE_INVALID,
            _("The price must be more than 0 and less than 1,000,000 yuan"),
            field="price",
        )
    if price != price.quantize(Decimal("0.01")):
        raise CatalogError(
            CatalogErrorCode.PRICE_INVALID,
            _("The price can have at most 2 digits after the point, like 25.50"),
            field="price",
        )
    return price.quantize(Decimal("0.01"))


def clean_stock(value: int) -> int:
    if value < 0 or value > STOCK_MAX:
        raise CatalogError(
            CatalogErrorCode.STOCK_INVALID,
            _("Enter how many you have, from 0 to 1,000,000"),
            field="stock",
        )
    return value


def _category(category_id: int | None) -> Category | None:
    if category_id is None:
        return None
    try:
        return Category.objects.get(pk=category_id)
    except Category.DoesNotExist:
        raise CatalogError(
            CatalogErrorCode.NOT_FOUND, _("Choose a category from the list"), field="category"
        ) from None


def _unique_slug(name: str) -> str:
    base = slugify(" ".join(lazy_pinyin(name)))[:60].strip("-") or "product"
    return f"{base}-{uuid.uuid4().hex[:8]}"


def producer_warehouse(producer: Producer) -> Warehouse:
    """The producer's own warehouse (made on first use, in the producer's region)."""
    warehouse = producer.warehouses.order_by("pk").first()
    if warehouse is None:
        warehouse = Warehouse.objects.create(
            name=f"{producer.name}",
            slug=f"shop-{producer.pk}",
            producer=producer,
            region=producer.region,
        )
    return warehouse


def _default_product_type() -> ProductType:
    product_type, _created = ProductType.objects.get_or_create(
        slug=DEFAULT_PRODUCT_TYPE_SLUG, defaults={"name": "农产品"}
    )
    return product_type


def refresh_listing_price(product: Product, channel: Channel) -> None:
    """Keep the product's lowest variant price (used for sorting) in step with its variants."""
    low = ProductVariantChannelListing.objects.filter(
        variant__product_id=product.pk, channel_id=channel.pk
    ).aggregate(low=Min("price_amount"))["low"]
    ProductChannelListing.objects.filter(product_id=product.pk, channel_id=channel.pk).update(
        discounted_price_amount=low
    )


def create_product(
    producer: Producer, draft: ProductDraft, *, channel: Channel, actor: User | None
) -> Product:
    """A new product with one variant, its price in the channel and its stock — not yet on
    sale (the seller publishes it when ready)."""
    name = clean_name(draft.name)
    price = clean_price(draft.price)
    stock = clean_stock(draft.stock)
    description = (draft.description or "").strip()[:DESCRIPTION_MAX]
    with transaction.atomic(durable=True):
        category = _category(draft.category_id)
        product = Product.objects.create(
            producer=producer,
            product_type=_default_product_type(),
            category=category,
            name=name,
            slug=_unique_slug(name),
            description=description,
            weight_grams=draft.weight_grams,
        )
        variant = ProductVariant.objects.create(
            product=product,
            sku=f"P{producer.pk}-{product.pk}-1",
            name=" ".join((draft.variant_name or "").split())[:100],
            weight_grams=draft.weight_grams,
        )
        ProductVariantChannelListing.objects.create(
            variant=variant, channel=channel, price_amount=price, currency=channel.currency_code
        )
        Stock.objects.create(
            warehouse=producer_warehouse(producer), product_variant=variant, quantity=stock
        )
        ProductChannelListing.objects.create(
            product=product,
            channel=channel,
            is_published=False,
            currency=channel.currency_code,
            discounted_price_amount=price,
        )
        product.default_variant = variant
        product.save(update_fields=["default_variant"])
        record_product_event(
            AuditEventType.PRODUCT_CREATED,
            product,
            actor=actor,
            new={
                "name": name,
                "category": category.pk if category else None,
                "price": str(price),
                "stock": stock,
                "variant": variant.name,
            },
        )
    return product


def update_product_details(
    product: Product,
    *,
    actor: User | None,
    name: str | None = None,
    category_id: int | None = None,
    description: str | None = None,
) -> Product:
    """Change what the seller answered about the product; only the given answers change."""
    changes: dict[str, object] = {}
    if name is not None:
        changes["name"] = clean_name(name)
    if description is not None:
        changes["description"] = description.strip()[:DESCRIPTION_MAX]
    with transaction.atomic(durable=True):
        if category_id is not None:
            changes["category"] = _category(category_id)
        old = {field: _plain(getattr(product, field)) for field in changes}
        for field, value in changes.items():
            setattr(product, field, value)
        if changes:
            product.save(update_fields=[*changes, "updated_at"])
            record_product_event(
                AuditEventType.PRODUCT_UPDATED,
                product,
                actor=actor,
                old=old,
                new={field: _plain(value) for field, value in changes.items()},
            )
    return product


def _plain(value: object) -> object:
    return value.pk if isinstance(value, Category) else value


def set_product_published(
    product: Product, *, channel: Channel, published: bool, actor: User | None
) -> ProductChannelListing:
    """Put the product on sale in the channel, or take it off sale."""
    with transaction.atomic(durable=True):
        priced = ProductVariantChannelListing.objects.filter(
            variant__product_id=product.pk, channel_id=channel.pk
        ).exists()
        if published and not priced:
            raise CatalogError(
                CatalogErrorCode.NOT_PUBLISHABLE,
                _("Add a price before you put the product on sale"),
                field="price",
            )
        listing, _created = ProductChannelListing.objects.get_or_create(
            product=product, channel=channel, defaults={"currency": channel.currency_code}
        )
        if listing.is_published == published:
            return listing
        listing.is_published = published
        listing.visible_in_listings = True
        if published:
            now = timezone.now()
            listing.published_at = now
            listing.available_for_purchase_at = now
        listing.save(
            update_fields=[
                "is_published",
                "visible_in_listings",
                "published_at",
                "available_for_purchase_at",
            ]
        )
        refresh_listing_price(product, channel)
        record_product_event(
            AuditEventType.PRODUCT_PUBLISHED if published else AuditEventType.PRODUCT_UNPUBLISHED,
            product,
            actor=actor,
            old={"published": not published},
            new={"published": published},
            extra={"channel": channel.slug},
        )
    return listing


def default_channel() -> Channel:
    return Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
