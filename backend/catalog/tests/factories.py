from __future__ import annotations

from decimal import Decimal

import factory
from django.utils import timezone

from backend.catalog.models import (
    Category,
    Channel,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.producers.tests.factories import ProducerFactory
from backend.warehouse.models import Stock, Warehouse


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel
        django_get_or_create = ("slug",)

    name = "默认渠道"
    slug = "default-channel"
    currency_code = "CNY"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"中药材{n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProductTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductType
        django_get_or_create = ("slug",)

    name = "农产品"
    slug = "farm-product"


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    producer = factory.SubFactory(ProducerFactory)
    product_type = factory.SubFactory(ProductTypeFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"渭源党参{n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    description = "生长在海拔两千米的高山上。"


class ProductVariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:06d}")
    name = "500克"
    weight_grams = 500


class WarehouseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Warehouse

    name = factory.Sequence(lambda n: f"仓库{n}")
    slug = factory.Sequence(lambda n: f"warehouse-{n}")
    region = factory.LazyAttribute(lambda o: o.producer.region if o.producer else None)
    producer = factory.SubFactory(ProducerFactory)


def list_product(
    product: Product, channel: Channel, prices: list[Decimal] | None = None, stock: int = 10
) -> list[ProductVariant]:
    """Publish a product in a channel with one variant per price, each with stock."""
    prices = prices or [Decimal("49.90")]
    warehouse = product.producer.warehouses.first() or WarehouseFactory(producer=product.producer)
    variants = []
    for i, price in enumerate(prices):
        variant = ProductVariantFactory(product=product, name=f"规格{i + 1}", sort_order=i)
        ProductVariantChannelListing.objects.create(
            variant=variant, channel=channel, price_amount=price, currency=channel.currency_code
        )
        Stock.objects.create(warehouse=warehouse, product_variant=variant, quantity=stock)
        variants.append(variant)
    ProductChannelListing.objects.update_or_create(
        product=product,
        channel=channel,
        defaults={
            "is_published": True,
            "published_at": timezone.now(),
            "visible_in_listings": True,
            "available_for_purchase_at": timezone.now(),
            "currency": channel.currency_code,
            "discounted_price_amount": min(prices),
        },
    )
    product.default_variant = variants[0]
    product.save(update_fields=["default_variant"])
    return variants
