"""The search results page on the search interface: words, pinyin and typos, facets, sorting,
"did you mean", graceful answers to any text, and "why is this here?" on every card matching the
explanation the search computed."""

from __future__ import annotations

import html as html_lib
import re
from typing import Any
from urllib.parse import quote

import pytest

from backend.catalog.models import ProductChannelListing
from backend.search.indexing import index_products
from backend.search.interface import SearchQuery, search_products
from storefront.tests.zone_scenarios import Zone, make_zone

pytestmark = pytest.mark.django_db

# The channel, the search (ranking weights, session settings; facet counts, total and ranked hits
# in one), the cards (rows with live tags, variants, prices, photos) and the category menu.
SEARCH_PAGE_QUERIES = 9


def names(html: str) -> list[str]:
    return re.findall(r'<h3 class="product-card__name"[^>]*>([^<]+)</h3>', html)


def why_blocks(html: str) -> list[dict[str, Any]]:
    """Each card's disclosure: its figures (data attributes) and the reasons it lists."""
    blocks = []
    for card in re.findall(r'<li class="product-card".*?</details>', html, flags=re.S):
        figures = re.search(
            r'<details class="why" data-relevance="([^"]+)" data-boost="([^"]+)" '
            r'data-score="([^"]+)">',
            card,
        )
        assert figures is not None
        reasons = re.findall(r"<li>([^<]*)</li>", card.split('class="why__reasons"')[-1])
        blocks.append(
            {
                "name": names(card)[0],
                "relevance": float(figures.group(1)),
                "boost": float(figures.group(2)),
                "score": float(figures.group(3)),
                "reasons": [html_lib.unescape(r) for r in reasons],
            }
        )
    return blocks


@pytest.fixture
def zone(channel, tree) -> Zone:  # type: ignore[no-untyped-def]
    return make_zone(channel, tree)


def test_search_finds_products_by_chinese_word(client, zone):
    # when
    html = client.get("/search/?q=党参").content.decode()

    # then: the verified household's product is lifted among the two equal name matches
    assert names(html) == ["渭源党参", "党参片"]
    assert "“党参”的搜索结果" in html
    assert 'value="党参"' in html


def test_search_finds_products_by_pinyin_and_initials(client, zone):
    # when
    full = client.get("/en/search/?q=hetao").content.decode()
    initials = client.get("/en/search/?q=ht").content.decode()

    # then
    assert set(names(full)) == {"成县核桃", "核桃仁"}
    assert set(names(initials)) >= {"成县核桃", "核桃仁"}


def test_search_why_disclosure_matches_the_computed_explanation(client, zone):
    # given
    expected = search_products(SearchQuery(text="党参"))

    # when
    html = client.get("/en/search/?q=党参").content.decode()

    # then: same order, same figures, same reasons
    shown = why_blocks(html)
    assert len(shown) == len(expected.hits) == 2
    for block, hit in zip(shown, expected.hits, strict=True):
        explanation = hit.explanation
        assert block["relevance"] == pytest.approx(explanation.relevance)
        assert block["boost"] == pytest.approx(explanation.boost)
        assert block["score"] == pytest.approx(explanation.score)
        assert block["reasons"] == [str(reason) for reason in explanation.reasons]
    assert shown[0]["boost"] > 0
    assert shown[1]["boost"] == 0


def test_search_why_disclosure_is_a_keyboard_operable_details(client, zone):
    # when
    html = client.get("/en/search/?q=党参").content.decode()

    # then: a native <details>/<summary> (focusable, Enter/Space toggle), named per product
    assert html.count('<summary class="why__summary">Why is this here?') == 2
    assert '<span class="visually-hidden"> 渭源党参</span></summary>' in html


def test_search_facets_filter_and_count(client, zone):
    # when
    html = client.get("/en/search/", {"q": "党参", "tag": "poor_household"}).content.decode()

    # then
    assert names(html) == ["渭源党参"]
    assert 'name="tag" value="poor_household" checked>' in html
    assert re.search(r"Registered poor household <span class=\"facets__count\">\(1", html)
    assert '<input type="hidden" name="q" value="党参">' in html


def test_search_price_band_and_sort(client, zone):
    # when
    html = client.get(
        "/en/search/", {"q": "hetao", "price": "20-50", "sort": "price_desc"}
    ).content.decode()

    # then
    assert names(html) == ["核桃仁", "成县核桃"]
    assert '<option value="price_desc" selected>' in html


def test_search_old_verified_links_still_filter(client, zone):
    # when
    html = client.get("/en/search/", {"q": "hetao", "verified": "1"}).content.decode()

    # then: verified poor households and disabled sellers only
    assert names(html) == ["成县核桃"]
    assert 'name="tag" value="disabled" checked>' in html


def test_search_without_results_offers_did_you_mean(client, zone):
    # given: nothing from a poor household matches "hetao"; the search suggests a word
    expected = search_products(SearchQuery(text="hetao", tags=("poor_household",)))
    assert expected.total == 0
    assert expected.suggestion

    # when
    html = client.get("/en/search/", {"q": "hetao", "tag": "poor_household"}).content.decode()

    # then
    assert names(html) == []
    assert "Did you mean" in html
    assert f'<a href="/en/search/?q={quote(expected.suggestion)}">' in html
    assert "Clear all choices" in html


def test_search_for_nothing_known_gives_plain_advice(client, zone):
    # when
    html = client.get("/en/search/?q=durian").content.decode()

    # then
    assert names(html) == []
    assert "No products match “durian”." in html
    assert "Check the spelling." in html
    assert 'role="status"' in html


def test_search_empty_query_asks_for_words(client, zone):
    # when
    response = client.get("/search/?q=+")

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>搜索商品</h1>" in html
    assert names(html) == []


@pytest.mark.parametrize(
    "text", ["党" * 2000, "！？。，、；：…—“”", "%%%___'''\"\"\\\\", "党参" + " " * 500 + "核桃"]
)
def test_search_odd_queries_are_answered_gracefully(client, zone, text):
    # when
    response = client.get("/en/search/", {"q": text})

    # then
    assert response.status_code == 200
    title = re.search(r"<title>(.*?)</title>", response.content.decode(), flags=re.S)
    assert title is not None
    assert len(title.group(1)) < 250  # the page shows at most 100 characters of it


def test_search_never_shows_unpublished_products(client, zone):
    # given
    ProductChannelListing.objects.filter(product=zone.slices).update(is_published=False)
    index_products([zone.slices.pk])

    # when
    html = client.get("/search/?q=党参").content.decode()

    # then
    assert names(html) == ["渭源党参"]


def test_search_escapes_the_query(client, zone):
    # when
    html = client.get("/search/?q=<script>alert(1)</script>").content.decode()

    # then
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("size", [1, 12])
def test_search_page_costs_the_same_queries_for_1_and_12_results(
    client, channel, tree, zone, django_assert_num_queries, size
):
    # given
    from storefront.tests.zone_scenarios import listed

    extra = [
        listed(channel, zone.household, tree.dangshen, f"党参礼盒{i}", f"gift-{i}", "59.00")
        for i in range(size)
    ]
    index_products([p.pk for p in extra])

    # when / then
    with django_assert_num_queries(SEARCH_PAGE_QUERIES):
        response = client.get("/en/search/", {"q": "党参"})
    assert len(names(response.content.decode())) == size + 2
