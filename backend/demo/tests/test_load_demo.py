from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.files.storage import default_storage
from django.db.models import Count, Min
from PIL import Image

from backend.accounts.models import User
from backend.catalog.models import (
    AssignedProductAttributeValue,
    Attribute,
    Category,
    Channel,
    Collection,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.demo.accounts import DEMO_PASSWORD
from backend.demo.definitions import demo_data
from backend.demo.loading import DemoLoadResult, load_demo
from backend.producers.identity import (
    certificate_category_and_grade,
    validate_disability_certificate,
    validate_poor_household_number,
)
from backend.producers.models import Producer, ProducerKind, ProducerShopLink
from backend.regions.models import Region, RegionLevel
from backend.warehouse.models import Stock, Warehouse

COUNTED_MODELS = (
    Region,
    Producer,
    ProducerShopLink,
    Warehouse,
    Category,
    Attribute,
    Product,
    ProductVariant,
    ProductVariantChannelListing,
    ProductChannelListing,
    Stock,
    ProductMedia,
    AssignedProductAttributeValue,
    Collection,
    User,
)


def demo_products():  # type: ignore[no-untyped-def]
    return Product.objects.exclude(slug__startswith="synthetic-")


def test_load_demo_fresh_database_creates_producers_of_every_kind(demo: DemoLoadResult) -> None:
    # given the demo loaded into an empty catalogue (fixture)
    # when we count producers by kind
    kinds = Counter(Producer.objects.values_list("kind", flat=True))

    # then there are at least 24, with at least 3 of each kind
    assert sum(kinds.values()) >= 24
    assert {kind: kinds[kind] >= 3 for kind in ProducerKind} == dict.fromkeys(ProducerKind, True)


def test_load_demo_fresh_database_creates_listed_products_with_stock(
    demo: DemoLoadResult,
) -> None:
    # given the loaded demo
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)

    # when we look at every demo product
    products = demo_products().annotate(variant_count=Count("variants"))

    # then there are at least 80, each with 1-3 variants that have a price and stock
    assert products.count() >= 80
    assert all(1 <= p.variant_count <= 3 for p in products)
    variants = ProductVariant.objects.filter(product__in=products)
    assert not variants.filter(stocks__isnull=True).exists()
    assert not variants.filter(stocks__quantity__lte=0).exists()
    assert not variants.exclude(channel_listings__channel=channel).exists()
    assert all(p.default_variant_id is not None for p in products)


def test_load_demo_listing_price_is_lowest_variant_price(demo: DemoLoadResult) -> None:
    # given the loaded demo
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)

    # when we compare each product's listing with its variants' prices
    lowest = dict(
        ProductVariantChannelListing.objects.filter(channel=channel)
        .values("variant__product_id")
        .annotate(low=Min("price_amount"))
        .values_list("variant__product_id", "low")
    )
    listings = ProductChannelListing.objects.filter(channel=channel, product__in=demo_products())

    # then every listing is published, in CNY, at the lowest variant price
    assert listings.count() == demo_products().count()
    for listing in listings:
        assert listing.is_published
        assert listing.visible_in_listings
        assert listing.currency == "CNY"
        assert listing.discounted_price_amount == lowest[listing.product_id]


def test_load_demo_pictures_are_valid_images_with_alt_text(demo: DemoLoadResult) -> None:
    # given the loaded demo
    # when we open every product's picture from storage
    media = list(ProductMedia.objects.filter(product__in=demo_products()))

    # then each product has one, a real JPEG of the recorded size, described in Chinese
    assert {m.product_id for m in media} == set(demo_products().values_list("pk", flat=True))
    for item in media:
        assert item.alt
        assert "商品卡片" in item.alt
        with default_storage.open(item.image.name) as handle, Image.open(handle) as image:
            image.verify()
        with default_storage.open(item.image.name) as handle, Image.open(handle) as image:
            assert image.format == "JPEG"
            assert image.size == (item.width, item.height)


def test_load_demo_identity_numbers_validate(demo: DemoLoadResult) -> None:
    # given the loaded demo
    disabled = Producer.objects.filter(kind=ProducerKind.DISABLED_INDIVIDUAL)
    households = Producer.objects.filter(kind=ProducerKind.POOR_HOUSEHOLD)

    # when we validate each identity number with the producers app's own validators
    # then every one passes, and category and grade agree with the certificate number
    assert disabled.exists()
    assert households.exists()
    for producer in disabled:
        number = validate_disability_certificate(producer.disability_certificate_number)
        assert certificate_category_and_grade(number) == (
            producer.disability_category,
            producer.disability_grade,
        )
        producer.full_clean()
    for producer in households:
        validate_poor_household_number(producer.poor_household_number)
        producer.full_clean()


def test_load_demo_producers_are_placed_in_villages_with_a_warehouse(
    demo: DemoLoadResult,
) -> None:
    # given the loaded demo
    # when we look at where each producer of the fixture files is (the designation loader's
    # candidates are shops without a catalogue)
    fixture_slugs = [definition.slug for definition in demo_data().producers]
    producers = (
        Producer.objects.filter(slug__in=fixture_slugs)
        .select_related("region")
        .annotate(warehouses_count=Count("warehouses"))
    )
    assert len(producers) == len(fixture_slugs)

    # then each sits in a village under an official county and has its own warehouse
    for producer in producers:
        assert producer.region.level == RegionLevel.VILLAGE
        assert Region.objects.filter(code=producer.region.county_code).exists()
        assert producer.warehouses_count == 1
        assert producer.logo
        assert producer.logo_alt


def test_load_demo_origin_attribute_references_the_producer_county(
    demo: DemoLoadResult,
) -> None:
    # given the loaded demo
    # when we read each product's origin value
    origins = AssignedProductAttributeValue.objects.filter(
        value__attribute__slug="origin"
    ).select_related("value__reference_region", "product__producer__region")

    # then every demo product has one, pointing at its producer's county
    assert origins.count() == demo_products().count()
    for assigned in origins:
        region = assigned.value.reference_region
        assert region is not None
        assert region.code == assigned.product.producer.region.county_code


def test_load_demo_collections_are_published_with_products(demo: DemoLoadResult) -> None:
    # given the loaded demo
    # when we read the collections
    collections = Collection.objects.annotate(size=Count("collection_products"))

    # then each named collection has products and a published listing
    assert {c.slug for c in collections} >= {"new-arrivals", "helping-disabled-sellers"}
    for collection in collections:
        assert collection.size > 0
        assert collection.channel_listings.filter(is_published=True).exists()


def test_load_demo_operator_signs_in_with_the_demo_password(demo: DemoLoadResult) -> None:
    # given the loaded demo
    # when the operator and a mobile-only seller sign in with the documented password
    operator = authenticate(username="operator@demo.sunshine.test", password=DEMO_PASSWORD)
    seller = authenticate(username="19900000001", password=DEMO_PASSWORD)

    # then both succeed; the operator is a superuser and the seller owns a shop
    assert operator is not None
    assert operator.is_superuser
    assert operator.is_staff
    assert seller is not None
    assert not seller.is_staff
    assert Producer.objects.filter(owner=seller).exists()


def test_load_demo_people_are_invented_names_from_the_fixtures(demo: DemoLoadResult) -> None:
    # given the demo definitions
    data = demo_data()

    # when we compare the database with them
    slugs = [p.slug for p in data.producers]
    names = set(Producer.objects.filter(slug__in=slugs).values_list("contact_name", flat=True))

    # then every contact name of a fixture shop comes from the fixture files
    assert names == {p.contact_name for p in data.producers}


@pytest.mark.usefixtures("demo")
def test_load_demo_second_run_keeps_the_same_counts(demo_media_root: Path) -> None:
    # given the demo already loaded once
    before = {model.__name__: model.objects.count() for model in COUNTED_MODELS}
    files_before = sorted(p.name for p in demo_media_root.rglob("*") if p.is_file())

    # when it is loaded again
    load_demo()

    # then nothing was added, and no picture was drawn a second time
    after = {model.__name__: model.objects.count() for model in COUNTED_MODELS}
    assert after == before
    assert sorted(p.name for p in demo_media_root.rglob("*") if p.is_file()) == files_before
