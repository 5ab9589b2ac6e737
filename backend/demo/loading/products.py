"""Demo products: variants with SKUs and prices, channel listings, stock, attributes, a picture.

Keys: product slug, variant SKU (`<product slug>-<n>`), (variant, channel), (warehouse,
variant). A second load updates names and prices in place, keeps stock as it is (orders may
have allocated some), and never draws a picture for a product that already has one.
"""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta

from backend.catalog.media import store_product_image
from backend.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    AttributeValue,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.demo.definitions import ProductDef
from backend.demo.loading.producers import LoadedProducer
from backend.demo.loading.structure import CatalogStructure
from backend.demo.pictures import Palette, card_alt, draw_product_card
from backend.warehouse.models import Stock


def variant_sku(product_slug: str, position: int) -> str:
    return f"{product_slug}-{position + 1}"


def initial_stock(sku: str) -> int:
    """A stable, varied quantity on hand; about one variant in eleven is running low."""
    checksum = zlib.crc32(sku.encode("utf-8"))
    return 2 + checksum % 3 if checksum % 11 == 0 else 12 + checksum % 189


def product_values(
    definition: ProductDef, *, loaded: LoadedProducer, structure: CatalogStructure
) -> list[AttributeValue]:
    """The product-level attribute values, limited to the attributes of its product type."""
    allowed = set(structure.product_type_attributes[definition.type_slug])
    values: list[AttributeValue] = []
    if "origin" in allowed:
        values.append(structure.origin_value(loaded.county))
    if "grade" in allowed and definition.grade:
        values.append(structure.value("grade", definition.grade))
    if "certifications" in allowed:
        values.extend(structure.value("certifications", c) for c in definition.certifications)
    if "intangible-heritage" in allowed and definition.heritage is not None:
        values.append(structure.boolean_value("intangible-heritage", definition.heritage))
    if "cold-chain" in allowed:
        values.append(structure.boolean_value("cold-chain", bool(definition.cold_chain)))
    if "shelf-life" in allowed and definition.shelf_life_days:
        values.append(structure.shelf_life_value(definition.shelf_life_days))
    return values


def sync_product_values(product: Product, values: list[AttributeValue]) -> None:
    wanted = {value.pk: position for position, value in enumerate(values)}
    assigned = AssignedProductAttributeValue.objects.filter(product=product)
    assigned.exclude(value_id__in=wanted).delete()
    present = set(assigned.values_list("value_id", flat=True))
    AssignedProductAttributeValue.objects.bulk_create(
        AssignedProductAttributeValue(product=product, value_id=pk, sort_order=position)
        for pk, position in wanted.items()
        if pk not in present
    )


def sync_variant_value(variant: ProductVariant, value: AttributeValue) -> None:
    assigned = AssignedVariantAttributeValue.objects.filter(variant=variant)
    assigned.exclude(value=value).delete()
    AssignedVariantAttributeValue.objects.get_or_create(variant=variant, value=value)


def load_product(
    definition: ProductDef,
    *,
    loaded: LoadedProducer,
    structure: CatalogStructure,
    palette: Palette,
    now: datetime,
) -> Product:
    checksum = zlib.crc32(definition.slug.encode("utf-8"))
    created_at = now - timedelta(days=definition.days_ago, minutes=checksum % 600)
    product, _ = Product.objects.update_or_create(
        slug=definition.slug,
        defaults={
            "producer": loaded.producer,
            "product_type": structure.product_types[definition.type_slug],
            "category": structure.categories[definition.category_slug],
            "name": definition.name,
            "description": definition.description,
            "seo_title": definition.name[:70],
            "seo_description": definition.description[:300],
            "weight_grams": definition.variants[0].grams,
        },
        create_defaults={
            "producer": loaded.producer,
            "product_type": structure.product_types[definition.type_slug],
            "category": structure.categories[definition.category_slug],
            "name": definition.name,
            "description": definition.description,
            "seo_title": definition.name[:70],
            "seo_description": definition.description[:300],
            "weight_grams": definition.variants[0].grams,
            "created_at": created_at,
        },
    )
    variants = _load_variants(product, definition, loaded=loaded, structure=structure)
    ProductChannelListing.objects.update_or_create(
        product=product,
        channel=structure.channel,
        defaults={
            "is_published": True,
            "visible_in_listings": True,
            "currency": structure.channel.currency_code,
            "discounted_price_amount": min(v.price for v in definition.variants),
        },
        create_defaults={
            "is_published": True,
            "visible_in_listings": True,
            "currency": structure.channel.currency_code,
            "discounted_price_amount": min(v.price for v in definition.variants),
            "published_at": product.created_at,
            "available_for_purchase_at": product.created_at,
        },
    )
    if product.default_variant_id != variants[0].pk:
        product.default_variant = variants[0]
        product.save(update_fields=["default_variant", "updated_at"])
    sync_product_values(product, product_values(definition, loaded=loaded, structure=structure))
    if not product.media.exists():
        attach_drawn_picture(product, loaded=loaded, palette=palette)
    return product


def _load_variants(
    product: Product,
    definition: ProductDef,
    *,
    loaded: LoadedProducer,
    structure: CatalogStructure,
) -> list[ProductVariant]:
    variants: list[ProductVariant] = []
    for position, spec in enumerate(definition.variants):
        sku = variant_sku(definition.slug, position)
        variant, _ = ProductVariant.objects.update_or_create(
            sku=sku,
            defaults={
                "product": product,
                "name": spec.name,
                "sort_order": position,
                "weight_grams": spec.grams,
                "track_inventory": True,
            },
        )
        ProductVariantChannelListing.objects.update_or_create(
            variant=variant,
            channel=structure.channel,
            defaults={"price_amount": spec.price, "currency": structure.channel.currency_code},
        )
        Stock.objects.get_or_create(
            warehouse=loaded.warehouse,
            product_variant=variant,
            defaults={"quantity": initial_stock(sku)},
        )
        sync_variant_value(variant, structure.net_content_value(spec.name))
        variants.append(variant)
    # A variant dropped from the YAML goes away (its stock and listings cascade).
    ProductVariant.objects.filter(product=product).exclude(pk__in=[v.pk for v in variants]).delete()
    return variants


def attach_drawn_picture(product: Product, *, loaded: LoadedProducer, palette: Palette) -> None:
    """Draw the product's card and store it through the catalogue's media service."""
    subtitle = f"{loaded.producer.name} · {loaded.county.name}"
    store_product_image(
        product,
        draw_product_card(product.name, subtitle, palette),
        alt=card_alt(product.name, subtitle, palette),
        filename=f"{product.slug}.jpg",
    )
