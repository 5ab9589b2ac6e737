from __future__ import annotations

import re

import pytest

from backend.catalog.models import ProductChannelListing
from backend.catalog.tests.factories import list_product
from storefront.tests.scenarios import new_producer, new_product

pytestmark = pytest.mark.django_db


def names(html: str) -> list[str]:
    return re.findall(r'<h2 class="product-card__name"[^>]*>([^<]+)</h2>', html)


@pytest.fixture
def catalogue(channel, tree):  # type: ignore[no-untyped-def]
    walnut_shop = new_producer(name="成县核桃合作社")
    rows = [
        ("渭源党参", "高山党参，晒干切片。", None, tree.dangshen),
        ("党参茶", "用党参泡的茶。", None, tree.dangshen),
        ("纸皮核桃", "薄皮，好剥。", walnut_shop, tree.nuts),
        ("山核桃仁", "去壳的核桃仁，配党参炖汤也好。", walnut_shop, tree.nuts),
        ("红枣", "陕北红枣。", walnut_shop, tree.nuts),
    ]
    for name, description, producer, category in rows:
        product = new_product(
            name=name,
            description=description,
            category=category,
            **({"producer": producer} if producer else {}),
        )
        list_product(product, channel)


def test_search_finds_products_by_name_first_then_by_description(client, catalogue):
    # when
    html = client.get("/search/?q=党参").content.decode()

    # then
    found = names(html)
    assert set(found) == {"渭源党参", "党参茶", "山核桃仁"}
    assert found[-1] == "山核桃仁"
    assert "“党参”的搜索结果" in html
    assert 'value="党参"' in html


def test_search_finds_products_by_producer_name(client, catalogue):
    # when
    html = client.get("/en/search/?q=成县").content.decode()

    # then
    assert set(names(html)) == {"纸皮核桃", "山核桃仁", "红枣"}
    assert "Search results for “成县”" in html


def test_search_every_word_must_match(client, catalogue):
    # when
    html = client.get("/search/?q=核桃+党参").content.decode()

    # then
    assert names(html) == ["山核桃仁"]


def test_search_without_results_gives_plain_advice(client, catalogue):
    # when
    html = client.get("/en/search/?q=durian").content.decode()

    # then
    assert "No products match “durian”." in html
    assert "Check the spelling." in html


def test_search_empty_query_asks_for_words(client, catalogue):
    # when
    response = client.get("/search/?q=+")

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>搜索商品</h1>" in html
    assert names(html) == []


def test_search_never_shows_unpublished_products(client, catalogue):
    # given
    ProductChannelListing.objects.filter(product__name="党参茶").update(is_published=False)

    # when
    html = client.get("/search/?q=党参").content.decode()

    # then
    assert "党参茶" not in names(html)


def test_search_escapes_the_query(client, catalogue):
    # when
    html = client.get("/search/?q=<script>alert(1)</script>").content.decode()

    # then
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
