from __future__ import annotations

import datetime

import pytest

from backend.producers.models import ProducerKind, ProducerShopLink
from backend.regions.loading import add_named_region
from backend.regions.models import Region, RegionLevel
from storefront.tests.scenarios import make_products, new_producer

pytestmark = pytest.mark.django_db

# producer with region, its other shops, its verified tags, channel, COUNT, page of products
# (with their producer's tags), variants, prices, photos, category menu, the review summary,
# the producer's published stories.
SHOP_PAGE_QUERIES = 12


@pytest.fixture
def village():  # type: ignore[no-untyped-def]
    county = Region.objects.get(code="621123")
    township = add_named_region(county, "清源镇", RegionLevel.TOWNSHIP)
    return add_named_region(township, "星光村", RegionLevel.VILLAGE)


def test_shop_page_in_chinese_shows_story_region_kind_opening_and_other_shops(
    client, channel, tree, village
):
    # given
    producer = new_producer(
        name="星光村党参合作社",
        slug="xingguang",
        kind=ProducerKind.COOPERATIVE,
        region=village,
        story="我们村二十户人家一起种党参。",
        opened_on=datetime.date(2019, 3, 1),
        member_household_count=20,
        logo="producer-logos/xingguang.png",
        logo_alt="合作社的店标：一棵党参",
    )
    ProducerShopLink.objects.create(
        producer=producer, platform="淘宝", url="https://example.com/taobao/xingguang"
    )
    make_products(channel, 2, category=tree.dangshen, producer=producer)

    # when
    response = client.get("/shop/xingguang/")

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>星光村党参合作社</h1>" in html
    assert "我们村二十户人家一起种党参。" in html
    assert "甘肃省 定西市 渭源县 清源镇 星光村" in html
    assert "<dd>合作社</dd>" in html
    assert "2019年3月1日" in html
    assert "<dd>20</dd>" in html
    assert (
        '<a href="https://example.com/taobao/xingguang" rel="noopener noreferrer">淘宝</a>' in html
    )
    assert 'alt="合作社的店标：一棵党参"' in html
    assert "/media/renditions/thumbnail/producer-logos/xingguang.png.webp" in html
    assert html.count('class="product-card"') == 2


def test_shop_page_in_english(client, channel, tree):
    # given
    producer = new_producer(slug="english-shop", opened_on=datetime.date(2020, 5, 17))
    make_products(channel, 1, category=tree.dangshen, producer=producer)

    # when
    html = client.get("/en/shop/english-shop/").content.decode()

    # then
    assert '<html lang="en">' in html
    assert "Our story" in html
    assert "Type of seller" in html
    assert "May 17, 2020" in html
    assert "Showing 1 to 1 of 1 product" in html


def test_shop_page_only_lists_this_producers_visible_products(client, channel, tree):
    # given
    mine = new_producer(slug="mine")
    other = new_producer(slug="other")
    make_products(channel, 2, category=tree.dangshen, producer=mine)
    theirs = make_products(channel, 1, category=tree.dangshen, producer=other)

    # when
    html = client.get("/shop/mine/").content.decode()

    # then
    assert html.count('class="product-card"') == 2
    assert theirs[0].name not in html


@pytest.mark.parametrize("slug", ["no-such-shop", "closed"])
def test_shop_page_unknown_or_inactive_returns_404(client, channel, slug):
    # given
    new_producer(slug="closed", is_active=False)

    # when
    response = client.get(f"/shop/{slug}/")

    # then
    assert response.status_code == 404


def test_shop_page_paginates(client, channel, tree):
    # given
    producer = new_producer(slug="big")
    make_products(channel, 30, category=tree.dangshen, producer=producer)

    # when
    second = client.get("/shop/big/?page=2").content.decode()

    # then
    assert second.count('class="product-card"') == 6
    assert 'aria-current="page">2</a>' in second


@pytest.mark.parametrize("size", [1, 30])
def test_shop_page_query_count_is_the_same_for_1_and_30_products(
    client, channel, tree, django_assert_num_queries, size
):
    # given
    producer = new_producer(slug="counted")
    ProducerShopLink.objects.create(
        producer=producer, platform="京东", url="https://example.com/jd"
    )
    make_products(channel, size, category=tree.dangshen, producer=producer, photos=2)

    # when / then
    with django_assert_num_queries(SHOP_PAGE_QUERIES):
        response = client.get("/shop/counted/")
    assert response.status_code == 200
