from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.catalog.models import Product, ProductChannelListing
from backend.catalog.tests.factories import list_product
from storefront.tests.scenarios import make_products, new_producer, new_product

pytestmark = pytest.mark.django_db

# channel, category, its ancestors and children, COUNT, the page of products, their variants,
# the variants' prices, their photos, and the category menu.
CATEGORY_PAGE_QUERIES = 9


def product_names(html: str) -> list[str]:
    return re.findall(r'<h2 class="product-card__name"[^>]*>([^<]+)</h2>', html)


def test_category_page_in_chinese_lists_products_of_the_category_and_its_children(
    client, channel, tree
):
    # given
    new_product(category=tree.herbs, name="岷县当归", slug="danggui")
    new_product(category=tree.dangshen, name="渭源党参", slug="dangshen-1")
    new_product(category=tree.nuts, name="成县核桃", slug="walnut")
    for product in Product.objects.all():
        list_product(product, channel, [Decimal("49.9")])

    # when
    response = client.get("/category/herbs/")

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>中药材</h1>" in html
    assert sorted(product_names(html)) == sorted(["岷县当归", "渭源党参"])
    assert "¥49.90" in html
    assert "排序方式" in html
    assert "第 1 到 2 件，共 2 件商品" in html
    assert '<a class="chip" href="/category/dangshen/">党参</a>' in html
    assert 'href="/category/herbs/" aria-current="page"' in html


def test_category_page_in_english_translates_controls(client, channel, tree):
    # given
    make_products(channel, 2, category=tree.dangshen)

    # when
    response = client.get("/en/category/dangshen/")

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert '<h1 lang="zh-Hans">党参</h1>' in html
    assert "Sort by" in html
    assert "Showing 1 to 2 of 2 products" in html
    assert 'aria-label="You are here"' in html
    assert '<a href="/en/category/herbs/" lang="zh-Hans">中药材</a>' in html
    assert 'href="/en/category/herbs/" aria-current="true"' in html


def test_category_page_unknown_category_returns_404(client, channel, tree):
    # when
    response = client.get("/en/category/no-such-thing/")

    # then
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_category_page_skips_unpublished_and_inactive_producers(client, channel, tree):
    # given
    shown = new_product(category=tree.dangshen, name="看得见")
    unpublished = new_product(category=tree.dangshen, name="没发布")
    future = new_product(category=tree.dangshen, name="明天发布")
    closed = new_product(
        category=tree.dangshen, name="店铺关了", producer=new_producer(is_active=False)
    )
    for product in (shown, unpublished, future, closed):
        list_product(product, channel)
    ProductChannelListing.objects.filter(product=unpublished).update(is_published=False)
    ProductChannelListing.objects.filter(product=future).update(
        published_at=timezone.now() + timedelta(hours=1)
    )

    # when
    html = client.get("/category/dangshen/").content.decode()

    # then
    assert product_names(html) == ["看得见"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price", ["便宜", "中等", "贵"]),
        ("-price", ["贵", "中等", "便宜"]),
        ("newest", ["中等", "便宜", "贵"]),
        ("name", ["中等", "便宜", "贵"]),
    ],
)
def test_category_page_sorting_orders_products(client, channel, tree, sort, expected):
    # given
    now = timezone.now()
    rows = [
        ("贵", Decimal("300.00"), now - timedelta(days=3)),
        ("便宜", Decimal("9.90"), now - timedelta(days=2)),
        ("中等", Decimal("59.00"), now - timedelta(days=1)),
    ]
    for name, price, created in rows:
        product = new_product(category=tree.dangshen, name=name, created_at=created)
        list_product(product, channel, [price])

    # when
    html = client.get(f"/category/dangshen/?sort={sort}").content.decode()

    # then
    assert product_names(html) == expected
    assert f'<option value="{sort}" selected>' in html


def test_category_page_unknown_sort_falls_back_to_newest(client, channel, tree):
    # given
    make_products(channel, 2, category=tree.dangshen)

    # when
    response = client.get("/category/dangshen/?sort=drop+table")

    # then
    assert response.status_code == 200
    assert '<option value="newest" selected>' in response.content.decode()


def test_category_page_paginates_24_per_page_with_accessible_navigation(client, channel, tree):
    # given
    make_products(channel, 30, category=tree.dangshen)

    # when
    first = client.get("/category/dangshen/?sort=price").content.decode()
    second = client.get("/category/dangshen/?sort=price&page=2").content.decode()

    # then
    assert len(product_names(first)) == 24
    assert len(product_names(second)) == 6
    assert not set(product_names(first)) & set(product_names(second))
    assert '<nav class="pagination" aria-label="分页">' in first
    assert 'href="?sort=price" aria-label="第 1 页" aria-current="page">1</a>' in first
    assert 'href="?sort=price&amp;page=2" rel="next">下一页</a>' in first
    assert 'aria-label="第 2 页" aria-current="page">2</a>' in second
    assert 'href="?sort=price" rel="prev">上一页</a>' in second
    assert "第 25 到 30 件，共 30 件商品" in second


def test_category_page_page_past_the_end_shows_the_last_page(client, channel, tree):
    # given
    make_products(channel, 30, category=tree.dangshen)

    # when
    html = client.get("/category/dangshen/?page=99").content.decode()

    # then
    assert len(product_names(html)) == 6


def test_category_page_empty_category_says_so(client, channel, tree):
    # when
    html = client.get("/en/category/nuts/").content.decode()

    # then
    assert "There are no products in this category yet." in html
    assert 'class="pagination"' not in html


@pytest.mark.parametrize("size", [1, 30])
def test_category_page_query_count_is_the_same_for_1_and_30_products(
    client, channel, tree, django_assert_num_queries, size
):
    # given
    make_products(channel, size, category=tree.dangshen, photos=2, prices=[Decimal(5), Decimal(9)])

    # when / then
    with django_assert_num_queries(CATEGORY_PAGE_QUERIES):
        response = client.get("/category/herbs/?sort=price")
    assert response.status_code == 200
