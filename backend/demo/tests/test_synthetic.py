from __future__ import annotations

from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.db.models import Count

from backend.catalog.models import Product, ProductChannelListing, ProductMedia, ProductVariant
from backend.demo.loading import DemoLoadResult
from backend.demo.synthetic import PRODUCTS_PER_PRODUCER, add_synthetic_products
from backend.producers.identity import (
    validate_disability_certificate,
    validate_poor_household_number,
)
from backend.producers.models import Producer, ProducerKind


def synthetic_products():  # type: ignore[no-untyped-def]
    return Product.objects.filter(slug__startswith="synthetic-")


def test_load_demo_synthetic_500_adds_exactly_500_then_none(demo: DemoLoadResult) -> None:
    # given the demo loaded and no synthetic products
    assert not synthetic_products().exists()

    # when load_demo --skip-demo --synthetic 500 runs twice
    first, second = StringIO(), StringIO()
    call_command(
        "load_demo", synthetic=500, batch_size=200, skip_demo=True, stdout=first, verbosity=1
    )
    count_after_first = synthetic_products().count()
    call_command("load_demo", synthetic=500, skip_demo=True, stdout=second, verbosity=1)

    # then the first run added 500 and the second none
    assert count_after_first == 500
    assert synthetic_products().count() == 500
    assert "500 added" in first.getvalue()
    assert "0 added, 500 already there" in second.getvalue()


def test_add_synthetic_products_each_product_is_listed_with_variants_and_stock(
    demo: DemoLoadResult,
) -> None:
    # given the loaded demo
    # when 120 synthetic products are added in uneven batches
    result = add_synthetic_products(120, batch_size=50)

    # then each has 1-3 variants with price and stock, a published listing at the lowest
    # price, a default variant and a photo row
    assert (result.created, result.existing) == (120, 0)
    products = synthetic_products().annotate(variant_count=Count("variants"))
    assert all(1 <= p.variant_count <= 3 for p in products)
    variants = ProductVariant.objects.filter(product__in=products)
    assert not variants.filter(stocks__isnull=True).exists()
    assert not variants.filter(channel_listings__isnull=True).exists()
    listings = ProductChannelListing.objects.filter(
        product__in=products, channel__slug=settings.DEFAULT_CHANNEL_SLUG, is_published=True
    )
    assert listings.count() == 120
    for product in products.prefetch_related("variants__channel_listings", "channel_listings"):
        prices = [
            vl.price_amount for v in product.variants.all() for vl in v.channel_listings.all()
        ]
        assert product.channel_listings.get().discounted_price_amount == min(prices)
        assert product.default_variant_id == min(v.pk for v in product.variants.all())
    assert ProductMedia.objects.filter(product__in=products).count() == 120
    assert ProductMedia.objects.filter(product__in=products).values("image").distinct().count() == 1


def test_add_synthetic_products_producers_have_valid_identity_numbers(
    demo: DemoLoadResult,
) -> None:
    # given the loaded demo
    # when enough synthetic products are added to need producers of every kind
    add_synthetic_products(PRODUCTS_PER_PRODUCER * 5)

    # then there are synthetic producers of each kind, and their identity numbers validate
    producers = Producer.objects.filter(slug__startswith="synthetic-producer-")
    assert set(producers.values_list("kind", flat=True)) == set(ProducerKind)
    for producer in producers.filter(kind=ProducerKind.DISABLED_INDIVIDUAL):
        validate_disability_certificate(producer.disability_certificate_number)
    for producer in producers.filter(kind=ProducerKind.POOR_HOUSEHOLD):
        validate_poor_household_number(producer.poor_household_number)
    assert all(p.warehouses.count() == 1 for p in producers)


def test_add_synthetic_products_larger_n_adds_only_the_missing_ones(
    demo: DemoLoadResult,
) -> None:
    # given 30 synthetic products
    add_synthetic_products(30, batch_size=7)

    # when asked for 45
    result = add_synthetic_products(45, batch_size=7)

    # then only synthetic-31 … synthetic-45 were added
    assert (result.created, result.existing) == (15, 30)
    assert synthetic_products().count() == 45
    assert synthetic_products().filter(slug="synthetic-45").exists()
