"""Sellers change a variant's price and stock, or add a size/kind (variant) to a product.

Stock rows are locked through `backend.warehouse.locks` (the only module that locks rows), in
primary-key order, and the new quantity may never fall below what is already allocated to orders.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.catalog.errors import CatalogError, CatalogErrorCode
from backend.catalog.events import record_product_event
from backend.catalog.models import (
    Channel,
    Product,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.catalog.product_editing import (
    clean_price,
    clean_stock,
    producer_warehouse,
    refresh_listing_price,
)
from backend.warehouse import locks
from backend.warehouse.models import Stock


def get_variant_of_product(product: Product, variant_id: int | str) -> ProductVariant:
    """A variant of this product; raises ProductVariant.DoesNotExist for any other id."""
    try:
        return product.variants.get(pk=int(variant_id))
    except (TypeError, ValueError):
        raise ProductVariant.DoesNotExist("bad id") from None


def set_variant_price(
    variant: ProductVariant, price: Decimal | str, *, channel: Channel, actor: User | None
) -> ProductVariantChannelListing:
    new_price = clean_price(price)
    with transaction.atomic(durable=True):
        listing = ProductVariantChannelListing.objects.filter(
            variant_id=variant.pk, channel_id=channel.pk
        ).first()
        old_price = listing.price_amount if listing else None
        if listing is None:
            listing = ProductVariantChannelListing.objects.create(
                variant=variant,
                channel=channel,
                price_amount=new_price,
                currency=channel.currency_code,
            )
        elif old_price != new_price:
            listing.price_amount = new_price
            listing.save(update_fields=["price_amount"])
        else:
            return listing
        refresh_listing_price(variant.product, channel)
        record_product_event(
            AuditEventType.PRODUCT_PRICE_CHANGED,
            variant.product,
            actor=actor,
            old={"variant": variant.pk, "price": str(old_price) if old_price else None},
            new={"variant": variant.pk, "price": str(new_price)},
        )
    return listing


def set_variant_stock(variant: ProductVariant, quantity: int, *, actor: User | None) -> Stock:
    """Set how many the seller has on hand in their own warehouse."""
    quantity = clean_stock(quantity)
    product = variant.product
    with transaction.atomic(durable=True):
        warehouse = producer_warehouse(product.producer)
        stock, _created = Stock.objects.get_or_create(
            warehouse=warehouse, product_variant=variant, defaults={"quantity": 0}
        )
        (stock,) = locks.lock_stocks([stock.pk])
        if quantity < stock.quantity_allocated:
            raise CatalogError(
                CatalogErrorCode.STOCK_BELOW_ALLOCATED,
                _(
                    "%(allocated)d are already sold and waiting to ship, so you have at least "
                    "%(allocated)d. Enter %(allocated)d or more."
                ),
                field="stock",
                params={"allocated": stock.quantity_allocated},
            )
        old = stock.quantity
        if old == quantity:
            return stock
        stock.quantity = quantity
        stock.save(update_fields=["quantity"])
        record_product_event(
            AuditEventType.PRODUCT_STOCK_CHANGED,
            product,
            actor=actor,
            old={"variant": variant.pk, "quantity": old},
            new={"variant": variant.pk, "quantity": quantity},
        )
    return stock


def add_variant(
    product: Product,
    *,
    name: str,
    price: Decimal | str,
    stock: int,
    weight_grams: int | None,
    channel: Channel,
    actor: User | None,
) -> ProductVariant:
    label = " ".join((name or "").split())[:100]
    if not label:
        raise CatalogError(
            CatalogErrorCode.REQUIRED, _("Enter the size or kind, like 500克"), field="name"
        )
    new_price = clean_price(price)
    quantity = clean_stock(stock)
    with transaction.atomic(durable=True):
        count = product.variants.count()
        variant = ProductVariant.objects.create(
            product=product,
            sku=f"P{product.producer_id}-{product.pk}-{count + 1}",
            name=label,
            weight_grams=weight_grams,
            sort_order=count,
        )
        ProductVariantChannelListing.objects.create(
            variant=variant,
            channel=channel,
            price_amount=new_price,
            currency=channel.currency_code,
        )
        Stock.objects.create(
            warehouse=producer_warehouse(product.producer),
            product_variant=variant,
            quantity=quantity,
        )
        refresh_listing_price(product, channel)
        record_product_event(
            AuditEventType.PRODUCT_UPDATED,
            product,
            actor=actor,
            new={
                "variant_added": variant.pk,
                "name": label,
                "price": str(new_price),
                "stock": quantity,
            },
        )
    return variant
