from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.catalog.models import ProductChannelListing
from backend.catalog.tests.factories import list_product
from backend.warehouse.models import Stock
from storefront.tests.scenarios import (
    add_photos,
    describe_fully,
    make_products,
    new_producer,
    new_product,
)

pytestmark = pytest.mark.django_db

# channel, product with producer/region/category, variants with stock, their prices, photos,
# attributes, the producer's verified tags, the category path, the category menu, and the review
# summary (with reviews, two more: a page of reviews and their photos; see backend/reviews).
PRODUCT_PAGE_QUERIES = 10


def test_product_page_in_chinese_shows_prices_stock_producer_and_badges(
    client, channel, tree, attributes
):
    # given
    producer = new_producer(name="渭源县阳光合作社")
    product = new_product(
        producer=producer, category=tree.dangshen, name="渭源白条党参", slug="weiyuan-dangshen"
    )
    list_product(product, channel, [Decimal("49.90"), Decimal("89")], stock=3)
    add_photos(product, 2)
    describe_fully(product, attributes)

    # when
    response = client.get("/product/weiyuan-dangshen/")

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in html
    assert html.count("<h1") == 1
    assert '<h1 class="product__name">渭源白条党参</h1>' in html
    assert "¥49.90 – ¥89.00" in html
    assert "¥89.00" in html
    assert "仅剩 3 件" in html
    assert "渭源县阳光合作社" in html
    assert "合作社</dd>" in html
    assert "甘肃省 定西市 渭源县" in html
    assert "产地：" in html
    for badge in ("地理标志", "绿色食品", "非遗", "冷链配送"):
        assert f'<li class="badge">{badge}</li>' in html
    assert "180 天" in html
    assert "特级" in html
    assert 'href="/shop/' + producer.slug + '/"' in html


def test_product_page_in_english_translates_the_page_not_the_product(
    client, channel, tree, attributes
):
    # given
    product = new_product(category=tree.dangshen, name="渭源白条党参", slug="weiyuan-dangshen")
    list_product(product, channel, [Decimal("49.90")], stock=50)
    describe_fully(product, attributes)

    # when
    response = client.get("/en/product/weiyuan-dangshen/")

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "渭源白条党参" in html
    assert "Sizes and prices" in html
    assert "In stock" in html
    assert "Geographical indication" in html
    assert "Intangible cultural heritage" in html
    assert "180 days" in html
    assert "Premium grade" in html
    assert (
        'href="/product/weiyuan-dangshen/" lang="zh-Hans" hreflang="zh-Hans">简体中文</a>' in html
    )


def test_product_page_gallery_has_webp_source_jpeg_fallback_and_alt_text(client, channel, tree):
    # given
    product = new_product(category=tree.dangshen, slug="photo-product", name="党参")
    list_product(product, channel)
    add_photos(product, 2)

    # when
    html = client.get("/product/photo-product/").content.decode()

    # then
    assert (
        '<source srcset="/media/renditions/large/products/photo-product-0.jpg.webp" '
        'type="image/webp">'
    ) in html
    assert (
        '<img src="/media/renditions/large/products/photo-product-0.jpg.jpeg" '
        'alt="党参的照片1" width="1200" height="900"'
    ) in html
    assert 'alt="党参的照片2"' in html


def test_product_page_variant_out_of_stock_says_so_in_words(client, channel, tree):
    # given
    product = new_product(category=tree.dangshen, slug="sold-out")
    variants = list_product(product, channel, [Decimal("10"), Decimal("20")], stock=10)
    Stock.objects.filter(product_variant=variants[1]).update(quantity=0)

    # when
    html = client.get("/product/sold-out/").content.decode()

    # then
    assert html.count("缺货") == 1
    assert '<span class="stock stock--in-stock">有货</span>' in html


def test_product_page_allocated_stock_is_not_available(client, channel, tree):
    # given
    product = new_product(category=tree.dangshen, slug="allocated")
    (variant,) = list_product(product, channel, stock=10)
    Stock.objects.filter(product_variant=variant).update(quantity_allocated=8)

    # when
    html = client.get("/en/product/allocated/").content.decode()

    # then
    assert "Only 2 left" in html


@pytest.mark.parametrize(
    "change",
    ["unknown", "unpublished", "future", "inactive_producer"],
)
def test_product_page_not_visible_returns_404(client, channel, tree, change):
    # given
    product = new_product(category=tree.dangshen, slug="hidden")
    list_product(product, channel)
    listing = ProductChannelListing.objects.filter(product=product)
    if change == "unpublished":
        listing.update(is_published=False)
    elif change == "future":
        listing.update(published_at=timezone.now() + timedelta(days=1))
    elif change == "inactive_producer":
        type(product.producer).objects.filter(pk=product.producer_id).update(is_active=False)
    slug = "no-such-product" if change == "unknown" else "hidden"

    # when
    response = client.get(f"/product/{slug}/")

    # then
    assert response.status_code == 404
    assert "找不到这个页面" in response.content.decode()


def test_product_page_hidden_from_listings_is_still_reachable_by_link(client, channel, tree):
    # given
    product = new_product(category=tree.dangshen, slug="unlisted", name="不上架的党参")
    list_product(product, channel)
    ProductChannelListing.objects.filter(product=product).update(visible_in_listings=False)

    # when
    page = client.get("/product/unlisted/")
    listing = client.get("/category/dangshen/")

    # then
    assert page.status_code == 200
    assert "不上架的党参" not in listing.content.decode()


def test_product_page_chinese_slug_resolves(client, channel, tree):
    # given
    product = new_product(category=tree.dangshen, slug="渭源党参-500克")
    list_product(product, channel)

    # when
    response = client.get("/product/渭源党参-500克/")

    # then
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 30])
def test_product_page_query_count_is_the_same_for_1_and_30_variants_and_photos(
    client, channel, tree, attributes, django_assert_num_queries, size
):
    # given
    product = new_product(category=tree.dangshen, slug="many")
    list_product(product, channel, [Decimal(10 + i) for i in range(size)])
    add_photos(product, size)
    describe_fully(product, attributes)

    # when / then
    with django_assert_num_queries(PRODUCT_PAGE_QUERIES):
        response = client.get("/product/many/")
    assert response.status_code == 200


def test_product_page_other_products_of_the_category_do_not_leak(client, channel, tree):
    # given
    make_products(channel, 2, category=tree.dangshen)
    product = new_product(category=tree.dangshen, slug="mine", name="我的党参")
    list_product(product, channel, [Decimal("12.50")])

    # when
    html = client.get("/product/mine/").content.decode()

    # then
    assert "¥12.50" in html
    assert "¥49.90" not in html


def test_product_page_stock_held_by_other_checkouts_is_not_available(client, channel, tree):
    # given
    from backend.checkout.models import CheckoutLine
    from backend.checkout.tests.factories import CheckoutLineFactory
    from backend.warehouse.models import Reservation

    product = new_product(category=tree.dangshen, slug="reserved")
    (variant,) = list_product(product, channel, stock=10)
    stock = Stock.objects.get(product_variant=variant)
    for minutes, quantity in [(20, 7), (-1, 3)]:  # one active, one expired
        line: CheckoutLine = CheckoutLineFactory(variant=variant, quantity=quantity)  # type: ignore[assignment]
        Reservation.objects.create(
            checkout_line=line,
            stock=stock,
            quantity_reserved=quantity,
            reserved_until=timezone.now() + timedelta(minutes=minutes),
        )

    # when
    html = client.get("/en/product/reserved/").content.decode()

    # then
    assert "Only 3 left" in html


def test_product_page_never_shows_the_supplying_household(client, channel, tree):
    # given
    from backend.checkout.tests.factories import set_supplying_household

    product = new_product(category=tree.dangshen, slug="household")
    list_product(product, channel)
    set_supplying_household(product, "HH-621123-0042")

    # when
    html = client.get("/product/household/").content.decode()

    # then
    assert "HH-621123-0042" not in html
    assert "供货农户" not in html
