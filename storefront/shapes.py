"""The shapes storefront queries hand to templates: small frozen dataclasses, never models.

Templates therefore cannot reach a producer's identity numbers, and cannot start a query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page
from prices import Money

from backend.catalog.models import Category
from backend.catalog.pricing import ProductPricing
from storefront.availability import Availability, availability_for
from storefront.pictures import Picture
from storefront.producer_tags import TagBadge
from storefront.product_facts import ProductFacts


@dataclass(frozen=True)
class CategoryLink:
    name: str
    slug: str


@dataclass(frozen=True)
class CategoryNode:
    name: str
    slug: str
    children: list[CategoryLink] = field(default_factory=list)


@dataclass(frozen=True)
class ProducerCard:
    name: str
    slug: str
    kind: str
    kind_label: str
    region_name: str
    logo: Picture | None
    # Verified tags, live at the time of the request (with their end date on the product and
    # shop pages). A default, so shapes built elsewhere (the bench's floor) still fit.
    tags: tuple[TagBadge, ...] = ()


@dataclass(frozen=True)
class ProductCard:
    name: str
    slug: str
    pricing: ProductPricing
    picture: Picture | None
    producer_name: str
    producer_slug: str
    tags: tuple[TagBadge, ...] = ()  # the producer's verified tags


@dataclass(frozen=True)
class ProductCardPage:
    page: Page
    cards: list[ProductCard]


@dataclass(frozen=True)
class VariantOption:
    name: str
    sku: str
    price: Money
    quantity_available: int
    track_inventory: bool
    # What the add-to-cart form posts. Optional only so that shapes built elsewhere (the bench's
    # one-SQL floor) still type-check; the storefront always sets it.
    variant_id: int | None = None

    @property
    def availability(self) -> Availability:
        return availability_for(self.quantity_available, track_inventory=self.track_inventory)


@dataclass(frozen=True)
class ProductDetail:
    name: str
    slug: str
    description: str
    pricing: ProductPricing
    pictures: list[Picture]
    variants: list[VariantOption]
    producer: ProducerCard
    breadcrumbs: list[CategoryLink]
    facts: ProductFacts

    @property
    def availability(self) -> Availability:
        """The product as a whole: what all its variants together have left."""
        if any(not variant.track_inventory for variant in self.variants):
            return availability_for(0, track_inventory=False)
        return availability_for(sum(variant.quantity_available for variant in self.variants))


@dataclass(frozen=True)
class ShopLink:
    platform: str
    url: str


@dataclass(frozen=True)
class ShopDetail:
    card: ProducerCard
    story: str
    opened_on: date
    member_household_count: int
    disabled_employee_count: int
    links: list[ShopLink]


@dataclass(frozen=True)
class CategoryPlace:
    """A category with the way to it and the way down from it."""

    category: Category
    breadcrumbs: list[CategoryLink]
    children: list[CategoryLink]
