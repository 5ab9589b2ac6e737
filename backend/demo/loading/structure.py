"""The catalogue's structure: the default channel, the category tree, attributes, product types.

Everything is keyed by slug and written with `update_or_create`, so a second load changes
nothing (and a corrected name in the YAML is applied on the next load).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.text import slugify

from backend.catalog.models import (
    Attribute,
    AttributeProduct,
    AttributeValue,
    AttributeVariant,
    Category,
    Channel,
    ProductType,
)
from backend.demo.definitions import CatalogDef
from backend.regions.models import Region

BOOLEAN_VALUES = ((True, "yes", "是"), (False, "no", "否"))


@dataclass
class CatalogStructure:
    """What later steps need from the structure, looked up once."""

    channel: Channel
    categories: dict[str, Category]
    product_types: dict[str, ProductType]
    attributes: dict[str, Attribute]
    product_type_attributes: dict[str, tuple[str, ...]]
    values: dict[tuple[str, str], AttributeValue] = field(default_factory=dict)

    def value(self, attribute_slug: str, value_slug: str) -> AttributeValue:
        return self.values[(attribute_slug, value_slug)]

    def boolean_value(self, attribute_slug: str, flag: bool) -> AttributeValue:
        return self.value(attribute_slug, "yes" if flag else "no")

    def origin_value(self, county: Region) -> AttributeValue:
        """The `origin` value referencing this county (created on first use)."""
        key = ("origin", county.code or str(county.pk))
        if key not in self.values:
            self.values[key], _ = AttributeValue.objects.update_or_create(
                attribute=self.attributes["origin"],
                slug=key[1],
                defaults={"name": county.full_name or county.name, "reference_region": county},
            )
        return self.values[key]

    def shelf_life_value(self, days: int) -> AttributeValue:
        key = ("shelf-life", str(days))
        if key not in self.values:
            self.values[key], _ = AttributeValue.objects.update_or_create(
                attribute=self.attributes["shelf-life"],
                slug=key[1],
                defaults={"name": f"{days}天", "numeric": Decimal(days), "sort_order": days},
            )
        return self.values[key]

    def net_content_value(self, variant_name: str) -> AttributeValue:
        slug = slugify(variant_name, allow_unicode=True) or "default"
        key = ("net-content", slug)
        if key not in self.values:
            self.values[key], _ = AttributeValue.objects.get_or_create(
                attribute=self.attributes["net-content"],
                slug=slug,
                defaults={"name": variant_name},
            )
        return self.values[key]


def ensure_default_channel(name: str) -> Channel:
    channel, _ = Channel.objects.update_or_create(
        slug=settings.DEFAULT_CHANNEL_SLUG,
        defaults={
            "name": name,
            "currency_code": settings.DEFAULT_CURRENCY,
            "default_country": settings.DEFAULT_COUNTRY,
            "is_active": True,
        },
    )
    return channel


def load_categories(catalog: CatalogDef) -> dict[str, Category]:
    """The tree, parents before children (the definitions are in that order)."""
    categories: dict[str, Category] = {}
    for definition in catalog.categories:
        parent = categories[definition.parent_slug] if definition.parent_slug else None
        category = Category.objects.filter(slug=definition.slug).first()
        if category is None:
            category = Category(slug=definition.slug)
        changed = (category.name, category.description, category.parent_id) != (
            definition.name,
            definition.description,
            parent.pk if parent else None,
        )
        if category.pk is None or changed:
            category.name = definition.name
            category.description = definition.description
            category.seo_title = definition.name[:70]
            category.parent = parent
            category.save()  # django-mptt keeps the tree fields right on save
        categories[definition.slug] = category
    return categories


def load_attributes(
    catalog: CatalogDef,
) -> tuple[dict[str, Attribute], dict[tuple[str, str], AttributeValue]]:
    attributes: dict[str, Attribute] = {}
    values: dict[tuple[str, str], AttributeValue] = {}
    for definition in catalog.attributes:
        attribute, _ = Attribute.objects.update_or_create(
            slug=definition.slug,
            defaults={
                "name": definition.name,
                "input_type": definition.input_type,
                "entity_type": definition.entity_type,
                "unit": definition.unit,
                "storefront_search_position": definition.position,
                "visible_in_storefront": True,
                "filterable_in_storefront": definition.input_type != "numeric",
            },
        )
        attributes[definition.slug] = attribute
        for position, value in enumerate(definition.values):
            values[(definition.slug, value.slug)], _ = AttributeValue.objects.update_or_create(
                attribute=attribute,
                slug=value.slug,
                defaults={"name": value.name, "sort_order": position},
            )
        if definition.input_type == "boolean":
            for flag, slug, name in BOOLEAN_VALUES:
                values[(definition.slug, slug)], _ = AttributeValue.objects.update_or_create(
                    attribute=attribute,
                    slug=slug,
                    defaults={"name": name, "boolean": flag, "sort_order": int(not flag)},
                )
    return attributes, values


def load_product_types(
    catalog: CatalogDef, attributes: dict[str, Attribute]
) -> dict[str, ProductType]:
    product_types: dict[str, ProductType] = {}
    for definition in catalog.product_types:
        product_type, _ = ProductType.objects.update_or_create(
            slug=definition.slug,
            defaults={
                "name": definition.name,
                "has_variants": True,
                "is_shipping_required": True,
                "weight_grams": definition.weight_grams,
            },
        )
        for position, slug in enumerate(definition.product_attributes):
            AttributeProduct.objects.update_or_create(
                attribute=attributes[slug],
                product_type=product_type,
                defaults={"sort_order": position},
            )
        for position, slug in enumerate(definition.variant_attributes):
            AttributeVariant.objects.update_or_create(
                attribute=attributes[slug],
                product_type=product_type,
                defaults={"sort_order": position},
            )
        product_types[definition.slug] = product_type
    return product_types


def load_catalog_structure(catalog: CatalogDef) -> CatalogStructure:
    channel = ensure_default_channel(catalog.channel_name)
    categories = load_categories(catalog)
    attributes, values = load_attributes(catalog)
    product_types = load_product_types(catalog, attributes)
    return CatalogStructure(
        channel=channel,
        categories=categories,
        product_types=product_types,
        attributes=attributes,
        product_type_attributes={t.slug: t.product_attributes for t in catalog.product_types},
        values=values,
    )
