"""Generated products for benchmarks: `synthetic-1` … `synthetic-N`, written in bulk.

Each synthetic product copies a demo product (name, category, type, variants, grade), gets a
number and a slightly different price, and belongs to a synthetic producer (one per
PRODUCTS_PER_PRODUCER products, all kinds in turn, in the demo villages) with a warehouse.
Every product has 1-3 variants with SKU, a channel price and stock, a published listing, its
origin and grade attributes, and one photo row pointing at a single shared picture.

Work is done in batches, one transaction each, with `bulk_create` (no per-row save). A batch
first asks which of its slugs exist and only creates the missing ones, so a second run with
the same N adds nothing and an interrupted run resumes where it stopped. The demo must be
loaded first (channel, categories, product types, attribute values, villages).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from backend.catalog.media import store_product_image
from backend.catalog.models import (
    AssignedProductAttributeValue,
    AttributeValue,
    Category,
    Channel,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.demo.definitions import DemoData, ProductDef, demo_data
from backend.demo.identity_numbers import disability_certificate_number, poor_household_number
from backend.demo.loading import Progress
from backend.demo.pictures import DEFAULT_PALETTE, card_alt, draw_product_card
from backend.producers.models import Producer, ProducerKind
from backend.regions.models import Region, RegionLevel
from backend.warehouse.models import Stock, Warehouse

DEFAULT_BATCH_SIZE = 5000
INSERT_BATCH = 2000
PRODUCTS_PER_PRODUCER = 50
SHARED_PICTURE_TITLE = "阳光集市"
SHARED_PICTURE_SUBTITLE = "基准测试商品"
SHOP_WORDS = ("山货铺", "农家店", "好物社", "土特产", "小院")
KINDS = tuple(ProducerKind)
TEN_FEN = Decimal("0.10")


def synthetic_slug(number: int) -> str:
    return f"synthetic-{number}"


def synthetic_producer_slug(index: int) -> str:
    return f"synthetic-producer-{index}"


@dataclass(frozen=True)
class Template:
    """A demo product to copy, with the ids its copies need."""

    definition: ProductDef
    category_id: int
    product_type_id: int
    grade_value_id: int | None


@dataclass(frozen=True)
class Village:
    region_id: int
    name: str
    county_code: str
    origin_value_id: int


@dataclass
class SyntheticContext:
    channel: Channel
    templates: list[Template]
    villages: list[Village]
    now: datetime
    shared_picture: ProductMedia | None = None


@dataclass(frozen=True)
class SyntheticResult:
    created: int
    existing: int


def build_context(data: DemoData) -> SyntheticContext:
    channel = Channel.objects.filter(slug=settings.DEFAULT_CHANNEL_SLUG).first()
    if channel is None:
        raise LookupError("load the demo first: the default channel does not exist")
    categories = dict(Category.objects.values_list("slug", "pk"))
    types = dict(ProductType.objects.values_list("slug", "pk"))
    grades = dict(AttributeValue.objects.filter(attribute__slug="grade").values_list("slug", "pk"))
    templates = [
        Template(
            definition=p,
            category_id=categories[p.category_slug],
            product_type_id=types[p.type_slug],
            grade_value_id=grades.get(p.grade) if p.grade else None,
        )
        for p in data.products
    ]
    origins = dict(
        AttributeValue.objects.filter(attribute__slug="origin").values_list("slug", "pk")
    )
    villages = [
        Village(region.pk, region.name, region.county_code, origins[region.county_code])
        for region in Region.objects.filter(
            level=RegionLevel.VILLAGE, county_code__in=list(data.named_regions)
        ).order_by("pk")
        if region.county_code in origins
    ]
    if not villages:
        raise LookupError("load the demo first: no demo villages with an origin value")
    shared = ProductMedia.objects.filter(product__slug=synthetic_slug(1)).order_by("pk").first()
    return SyntheticContext(channel, templates, villages, timezone.now(), shared)


def add_synthetic_products(
    count: int,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    data: DemoData | None = None,
) -> SyntheticResult:
    """Make sure products synthetic-1 … synthetic-`count` exist; return how many were added."""
    context = build_context(data or demo_data())
    created = 0
    for start in range(1, count + 1, batch_size):
        numbers = range(start, min(start + batch_size, count + 1))
        with transaction.atomic():
            created += _add_batch(numbers, context)
        if progress is not None:
            progress.update(len(numbers))
    return SyntheticResult(created=created, existing=count - created)


def _add_batch(numbers: range, context: SyntheticContext) -> int:
    slugs = [synthetic_slug(n) for n in numbers]
    existing = set(Product.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    missing = [n for n in numbers if synthetic_slug(n) not in existing]
    if not missing:
        return 0
    producers = _ensure_producers(sorted({_producer_index(n) for n in missing}), context)
    products = Product.objects.bulk_create(
        [_product(n, context, producers[_producer_index(n)][0]) for n in missing],
        batch_size=INSERT_BATCH,
    )
    variants, lowest = _create_variants(missing, products, context, producers)
    _create_listings(products, lowest, context)
    _create_attribute_values(missing, products, context)
    _set_default_variants(products, variants)
    _create_photos(products, context)
    return len(products)


def _producer_index(number: int) -> int:
    return (number - 1) // PRODUCTS_PER_PRODUCER + 1


def _template(number: int, context: SyntheticContext) -> Template:
    return context.templates[number % len(context.templates)]


def _village(index: int, context: SyntheticContext) -> Village:
    return context.villages[index % len(context.villages)]


def _ensure_producers(
    indexes: Sequence[int], context: SyntheticContext
) -> dict[int, tuple[int, int]]:
    """(producer id, warehouse id) per producer index, creating what is missing."""
    slugs = {synthetic_producer_slug(i): i for i in indexes}
    found = dict(Producer.objects.filter(slug__in=list(slugs)).values_list("slug", "pk"))
    new = [_producer(i, context) for slug, i in slugs.items() if slug not in found]
    if new:
        Producer.objects.bulk_create(new, batch_size=INSERT_BATCH)
        Warehouse.objects.bulk_create(
            [
                Warehouse(
                    name=f"{p.name}仓库",
                    slug=f"{p.slug}-warehouse",
                    producer_id=p.pk,
                    region_id=p.region_id,
                )
                for p in new
            ],
            batch_size=INSERT_BATCH,
        )
        found.update({p.slug: p.pk for p in new})
    warehouses = dict(
        Warehouse.objects.filter(producer_id__in=list(found.values())).values_list(
            "producer_id", "pk"
        )
    )
    return {i: (found[slug], warehouses[found[slug]]) for slug, i in slugs.items()}


def _producer(index: int, context: SyntheticContext) -> Producer:
    village = _village(index, context)
    kind = KINDS[index % len(KINDS)]
    producer = Producer(
        kind=kind,
        name=f"{village.name}{SHOP_WORDS[index % len(SHOP_WORDS)]}{index}号",
        slug=synthetic_producer_slug(index),
        story="基准测试用的生成店铺。",
        region_id=village.region_id,
        opened_on=date(2016, 1, 1) + timedelta(days=(index * 37) % 2900),
        is_active=True,
    )
    if kind == ProducerKind.DISABLED_INDIVIDUAL:
        category, grade = 1 + index % 7, 1 + index % 4
        producer.disability_certificate_number = disability_certificate_number(
            village.county_code,
            date(1960, 1, 1) + timedelta(days=(index * 113) % 16000),
            index,
            male=index % 2 == 0,
            category=category,
            grade=grade,
        )
        producer.disability_category, producer.disability_grade = category, grade
    elif kind == ProducerKind.POOR_HOUSEHOLD:
        producer.poor_household_number = poor_household_number(
            village.county_code, 2014 + index % 3, index
        )
    elif kind == ProducerKind.EMPLOYMENT_BASE:
        producer.disabled_employee_count = 5 + index % 30
    else:
        producer.member_household_count = 10 + index % 150
    return producer


def _product(number: int, context: SyntheticContext, producer_id: int) -> Product:
    template = _template(number, context)
    definition = template.definition
    created = context.now - timedelta(minutes=(number * 7919) % (730 * 24 * 60))
    return Product(
        producer_id=producer_id,
        product_type_id=template.product_type_id,
        category_id=template.category_id,
        name=f"{definition.name} {number}号",
        slug=synthetic_slug(number),
        description=definition.description,
        seo_title=definition.name[:70],
        weight_grams=definition.variants[0].grams,
        created_at=created,
    )


def synthetic_price(base: Decimal, number: int) -> Decimal:
    """The template's price moved by -15 % … +15 %, rounded to ten fen."""
    factor = Decimal(85 + (zlib.crc32(str(number).encode()) % 31)) / Decimal(100)
    return max((base * factor).quantize(TEN_FEN, rounding=ROUND_HALF_UP), TEN_FEN)


def _create_variants(
    numbers: list[int],
    products: list[Product],
    context: SyntheticContext,
    producers: dict[int, tuple[int, int]],
) -> tuple[list[ProductVariant], dict[int, Decimal]]:
    variants: list[ProductVariant] = []
    prices: list[Decimal] = []
    warehouses: list[int] = []
    for number, product in zip(numbers, products, strict=True):
        for position, spec in enumerate(_template(number, context).definition.variants):
            variants.append(
                ProductVariant(
                    product_id=product.pk,
                    sku=f"{product.slug}-{position + 1}",
                    name=spec.name,
                    sort_order=position,
                    weight_grams=spec.grams,
                    created_at=product.created_at,
                )
            )
            prices.append(synthetic_price(spec.price, number))
            warehouses.append(producers[_producer_index(number)][1])
    ProductVariant.objects.bulk_create(variants, batch_size=INSERT_BATCH)
    currency = context.channel.currency_code
    ProductVariantChannelListing.objects.bulk_create(
        [
            ProductVariantChannelListing(
                variant_id=v.pk, channel_id=context.channel.pk, price_amount=p, currency=currency
            )
            for v, p in zip(variants, prices, strict=True)
        ],
        batch_size=INSERT_BATCH,
    )
    Stock.objects.bulk_create(
        [
            Stock(warehouse_id=w, product_variant_id=v.pk, quantity=5 + v.pk % 200)
            for v, w in zip(variants, warehouses, strict=True)
        ],
        batch_size=INSERT_BATCH,
    )
    # The listing's discounted_price_amount is the lowest variant price.
    lowest: dict[int, Decimal] = {}
    for variant, price in zip(variants, prices, strict=True):
        lowest[variant.product_id] = min(price, lowest.get(variant.product_id, price))
    return variants, lowest


def _create_listings(
    products: list[Product], lowest: dict[int, Decimal], context: SyntheticContext
) -> None:
    ProductChannelListing.objects.bulk_create(
        [
            ProductChannelListing(
                product_id=product.pk,
                channel_id=context.channel.pk,
                is_published=True,
                published_at=product.created_at,
                visible_in_listings=True,
                available_for_purchase_at=product.created_at,
                currency=context.channel.currency_code,
                discounted_price_amount=lowest[product.pk],
            )
            for product in products
        ],
        batch_size=INSERT_BATCH,
    )


def _create_attribute_values(
    numbers: list[int], products: list[Product], context: SyntheticContext
) -> None:
    rows: list[AssignedProductAttributeValue] = []
    for number, product in zip(numbers, products, strict=True):
        village = _village(_producer_index(number), context)
        rows.append(
            AssignedProductAttributeValue(product_id=product.pk, value_id=village.origin_value_id)
        )
        grade = _template(number, context).grade_value_id
        if grade is not None:
            rows.append(
                AssignedProductAttributeValue(product_id=product.pk, value_id=grade, sort_order=1)
            )
    AssignedProductAttributeValue.objects.bulk_create(rows, batch_size=INSERT_BATCH)


def _set_default_variants(products: list[Product], variants: list[ProductVariant]) -> None:
    """One UPDATE … FROM unnest() for the whole batch instead of a save per product."""
    first: dict[int, int] = {}
    for variant in variants:
        first.setdefault(variant.product_id, variant.pk)
    product_ids = [p.pk for p in products]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE catalog_product AS p SET default_variant_id = d.variant_id
            FROM unnest(%s::integer[], %s::integer[]) AS d(product_id, variant_id)
            WHERE p.id = d.product_id
            """,
            [product_ids, [first[pk] for pk in product_ids]],
        )


def _create_photos(products: list[Product], context: SyntheticContext) -> None:
    """Every synthetic product shows the same drawn picture (one file, one row each)."""
    rest = products
    if context.shared_picture is None:
        picture = draw_product_card(SHARED_PICTURE_TITLE, SHARED_PICTURE_SUBTITLE, DEFAULT_PALETTE)
        context.shared_picture = store_product_image(
            products[0],
            picture,
            alt=card_alt(SHARED_PICTURE_TITLE, SHARED_PICTURE_SUBTITLE, DEFAULT_PALETTE),
            filename="synthetic.jpg",
        )
        rest = products[1:]
    shared = context.shared_picture
    ProductMedia.objects.bulk_create(
        [
            ProductMedia(
                product_id=product.pk,
                image=shared.image.name,
                alt=shared.alt,
                type=shared.type,
                width=shared.width,
                height=shared.height,
            )
            for product in rest
        ],
        batch_size=INSERT_BATCH,
    )
