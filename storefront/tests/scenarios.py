"""Storefront scenarios: typed builders over the factories (factory-boy is untyped for mypy)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any, cast

from django.utils import timezone

from backend.catalog.models import (
    AssignedProductAttributeValue,
    Attribute,
    AttributeEntityType,
    AttributeInputType,
    AttributeValue,
    Category,
    Channel,
    Product,
    ProductMedia,
)
from backend.catalog.tests.factories import CategoryFactory, ProductFactory, list_product
from backend.producers.models import Producer
from backend.producers.tests.factories import (
    DisabledSellerFactory,
    PoorHouseholdFactory,
    ProducerFactory,
)
from backend.regions.models import Region


@dataclass
class CategoryTree:
    herbs: Category  # 中药材 (root)
    dangshen: Category  # 党参, child of 中药材
    nuts: Category  # 坚果 (another root)


def new_category(**fields: Any) -> Category:
    return cast(Category, CategoryFactory(**fields))


def new_product(**fields: Any) -> Product:
    return cast(Product, ProductFactory(**fields))


def new_producer(**fields: Any) -> Producer:
    return cast(Producer, ProducerFactory(**fields))


def new_disabled_seller(**fields: Any) -> Producer:
    return cast(Producer, DisabledSellerFactory(**fields))


def new_poor_household(**fields: Any) -> Producer:
    return cast(Producer, PoorHouseholdFactory(**fields))


def make_tree() -> CategoryTree:
    herbs = new_category(name="中药材", slug="herbs")
    dangshen = new_category(name="党参", slug="dangshen", parent=herbs)
    nuts = new_category(name="坚果", slug="nuts")
    return CategoryTree(herbs=herbs, dangshen=dangshen, nuts=nuts)


def add_photos(product: Product, count: int = 1) -> list[ProductMedia]:
    return [
        ProductMedia.objects.create(
            product=product,
            image=f"products/{product.slug}-{i}.jpg",
            alt=f"{product.name}的照片{i + 1}",
            width=1600,
            height=1200,
            sort_order=i,
        )
        for i in range(count)
    ]


def make_products(
    channel: Channel,
    count: int,
    *,
    category: Category,
    producer: Producer | None = None,
    photos: int = 1,
    prices: list[Decimal] | None = None,
) -> list[Product]:
    """`count` published products, newest last, each with photos and one variant per price."""
    producer = producer or new_producer()
    start = timezone.now() - timedelta(days=count)
    products = []
    for i in range(count):
        product = new_product(
            producer=producer, category=category, created_at=start + timedelta(days=i)
        )
        list_product(product, channel, prices or [Decimal("49.90")])
        add_photos(product, photos)
        products.append(product)
    return products


@dataclass
class Attributes:
    origin: Attribute
    certifications: Attribute
    heritage: Attribute
    cold_chain: Attribute
    shelf_life: Attribute
    grade: Attribute


def make_attributes() -> Attributes:
    return Attributes(
        origin=Attribute.objects.create(
            slug="origin",
            name="产地",
            input_type=AttributeInputType.REFERENCE,
            entity_type=AttributeEntityType.REGION,
        ),
        certifications=Attribute.objects.create(
            slug="certifications", name="三品一标", input_type=AttributeInputType.MULTISELECT
        ),
        heritage=Attribute.objects.create(
            slug="intangible-heritage", name="非遗", input_type=AttributeInputType.BOOLEAN
        ),
        cold_chain=Attribute.objects.create(
            slug="cold-chain", name="冷链", input_type=AttributeInputType.BOOLEAN
        ),
        shelf_life=Attribute.objects.create(
            slug="shelf-life", name="保质期", input_type=AttributeInputType.NUMERIC, unit="天"
        ),
        grade=Attribute.objects.create(
            slug="grade", name="等级", input_type=AttributeInputType.DROPDOWN
        ),
    )


def assign(product: Product, attribute: Attribute, name: str, **value_fields: object) -> None:
    value, _ = AttributeValue.objects.get_or_create(
        attribute=attribute,
        slug=f"{attribute.slug}-{name}",
        defaults={"name": name, **value_fields},
    )
    AssignedProductAttributeValue.objects.create(product=product, value=value)


def describe_fully(product: Product, attributes: Attributes) -> None:
    """Origin 渭源县, 地理标志 + 绿色食品, 非遗, cold chain, 180-day shelf life, grade 特级."""
    assign(
        product,
        attributes.origin,
        "渭源县",
        reference_region=Region.objects.get(code="621123"),
    )
    assign(product, attributes.certifications, "地理标志")
    assign(product, attributes.certifications, "绿色食品")
    assign(product, attributes.heritage, "是", boolean=True)
    assign(product, attributes.cold_chain, "是", boolean=True)
    assign(product, attributes.shelf_life, "180", numeric=Decimal("180"))
    assign(product, attributes.grade, "特级")
