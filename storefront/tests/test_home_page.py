from __future__ import annotations

import pytest

from storefront.tests.scenarios import make_products, new_producer

pytestmark = pytest.mark.django_db

# channel, featured producers, new products, their variants, prices and photos, the category
# tree of the page and the category menu; the zone's current campaign and its pavilions (their
# photos come in one more query when there are pavilions: see backend/zone/tests).
HOME_PAGE_QUERIES = 10


def test_home_page_in_chinese_shows_featured_producers_new_products_and_categories(
    client, channel, tree
):
    # given
    featured = new_producer(name="渭源县阳光合作社", is_featured=True)
    new_producer(name="不推荐的店", is_featured=False)
    new_producer(name="关门的推荐店", is_featured=True, is_active=False)
    make_products(channel, 2, category=tree.dangshen, producer=featured)

    # when
    response = client.get("/")

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in html
    assert html.count("<h1") == 1
    assert "推荐店铺" in html
    assert f'<a href="/shop/{featured.slug}/">渭源县阳光合作社</a>' in html
    assert "不推荐的店" not in html
    assert "关门的推荐店" not in html
    assert "新品上架" in html
    assert "¥49.90" in html
    assert "按分类浏览" in html
    assert '<a href="/category/dangshen/">党参</a>' in html
    assert "<title>好吃的、好用的，直接从生产者手里买 – 阳光集市</title>" in html


def test_home_page_in_english(client, channel, tree):
    # given
    producer = new_producer(is_featured=True)
    make_products(channel, 1, category=tree.dangshen, producer=producer)

    # when
    html = client.get("/en/").content.decode()

    # then
    assert '<html lang="en">' in html
    assert "Featured shops" in html
    assert "New products" in html
    assert "Sunshine Market" in html
    assert "Skip to main content" in html
    assert f'href="/en/shop/{producer.slug}/"' in html
    assert '<a href="/" lang="zh-Hans" hreflang="zh-Hans">简体中文</a>' in html


def test_home_page_without_a_channel_still_renders(client, tree):
    # when
    response = client.get("/")

    # then
    assert response.status_code == 200
    assert "暂时还没有在售商品。" in response.content.decode()


def test_home_page_new_products_are_newest_first_and_capped(client, channel, tree):
    # given
    products = make_products(channel, 14, category=tree.dangshen)

    # when
    html = client.get("/").content.decode()

    # then
    assert html.count('class="product-card"') == 12
    assert html.index(products[-1].name) < html.index(products[-2].name)
    assert products[0].name not in html


@pytest.mark.parametrize("size", [1, 30])
def test_home_page_query_count_is_the_same_for_1_and_30_products_and_producers(
    client, channel, tree, django_assert_num_queries, size
):
    # given
    for _ in range(size):
        producer = new_producer(is_featured=True)
        make_products(channel, 1, category=tree.dangshen, producer=producer)

    # when / then
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        response = client.get("/")
    assert response.status_code == 200
