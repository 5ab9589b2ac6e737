"""Verified tags on the storefront: text badges on every product card, an explanation with the
validity date on the product and shop pages, the "only verified" filter, constant queries."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import formats, timezone, translation

from backend.catalog.tests.factories import list_product
from backend.producers.models import Producer
from backend.search.indexing import index_products
from backend.verification.models import VerificationApplication, VerificationKind
from storefront.tests.scenarios import (
    make_products,
    new_disabled_seller,
    new_poor_household,
    new_producer,
    new_product,
)
from storefront.tests.tag_scenarios import apply, verify
from storefront.tests.test_category_page import CATEGORY_PAGE_QUERIES
from storefront.tests.test_home_page import HOME_PAGE_QUERIES
from storefront.tests.test_product_page import PRODUCT_PAGE_QUERIES
from storefront.tests.test_search_page import SEARCH_PAGE_QUERIES as SEARCH_RESULTS_QUERIES
from storefront.tests.test_shop_page import SHOP_PAGE_QUERIES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("evidence_root")]

# channel, COUNT, the page of products (their producers' tags in the same query), variants,
# prices, photos, the category menu.
# The search page on the search interface (storefront/tests/test_search_page.py).
SEARCH_PAGE_QUERIES = SEARCH_RESULTS_QUERIES

DISABLED_EN = '<li class="tag tag--disabled"><span class="visually-hidden">Verified: </span>'
POOR_EN = '<li class="tag tag--poor_household"><span class="visually-hidden">Verified: </span>'
# A tag in a list of badges (li) or in an explanation (span).
DISABLED_ANY = 'class="tag tag--disabled"><span class="visually-hidden">Verified: </span>'
POOR_ANY = 'class="tag tag--poor_household"><span class="visually-hidden">Verified: </span>'


def card_names(html: str, heading: str = "h2") -> list[str]:
    return re.findall(rf'<{heading} class="product-card__name"[^>]*>([^<]+)</{heading}>', html)


def card_tags(html: str) -> dict[str, list[str]]:
    """Each card's name with the tag texts shown on it (hidden prefix included)."""
    grid = html[html.index('<ul class="product-grid">') :] if "product-grid" in html else ""
    cards = grid.split('<li class="product-card">')[1:]
    found = {}
    for card in cards:
        name = re.search(r'class="product-card__name"[^>]*>([^<]+)<', card)
        assert name is not None
        tags = re.findall(r'<li class="tag tag--[a-z_]+">(.*?)</li>', card, flags=re.S)
        found[name.group(1)] = [re.sub(r"<[^>]+>", "", tag) for tag in tags]
    return found


@pytest.fixture
def seller(channel, tree) -> Producer:  # type: ignore[no-untyped-def]
    """A disabled seller who is also a registered poor household, verified as both."""
    producer = new_disabled_seller(
        name="小李的党参店", slug="xiaoli", poor_household_number="621123000012345"
    )
    verify(producer, VerificationKind.DISABLED)
    verify(producer, VerificationKind.POOR_HOUSEHOLD)
    product = new_product(
        producer=producer, category=tree.dangshen, name="渭源党参", slug="weiyuan-dangshen"
    )
    list_product(product, channel, [Decimal("49.90")])
    index_products([product.pk])  # what the index update after commit does
    return producer


def test_category_card_in_english_shows_each_tag_as_text_with_a_hidden_prefix(
    client, channel, tree, seller
):
    # given: a shop that only says it is a disabled seller, never verified
    claimed = new_disabled_seller(name="自称残疾人的店")
    make_products(channel, 1, category=tree.dangshen, producer=claimed)

    # when
    html = client.get("/en/category/herbs/").content.decode()

    # then
    tags = card_tags(html)
    assert tags["渭源党参"] == [
        "Verified: Registered poor household",
        "Verified: Disabled seller",
    ]
    assert [t for name, t in tags.items() if name != "渭源党参"] == [[]]
    assert DISABLED_EN + "Disabled seller</li>" in html


def test_category_card_in_chinese_shows_the_chinese_tag_names(client, seller):
    # when
    html = client.get("/category/herbs/").content.decode()

    # then
    assert '<li class="tag tag--poor_household">' in html
    assert "</span>建档立卡贫困户</li>" in html
    assert "</span>残疾人</li>" in html


def test_product_page_explains_each_tag_near_the_producer_with_its_validity_date(client, seller):
    # given
    application = VerificationApplication.objects.get(seller=seller, kind="disabled")
    assert application.valid_until is not None
    with translation.override("en"):
        until = formats.date_format(timezone.localtime(application.valid_until), "DATE_FORMAT")

    # when
    html = client.get("/en/product/weiyuan-dangshen/").content.decode()

    # then
    summary = html[html.index('class="product__summary"') : html.index('class="product__more"')]
    producer = html[html.index('class="producer-card"') :]
    assert DISABLED_EN in summary
    assert '<h3 id="verified-heading" class="verified__heading">Checked by the platform</h3>' in (
        producer
    )
    assert "The seller is a disabled person with an official disability certificate." in producer
    assert "government register of poor households" in producer
    assert "checked the certificate" in producer
    assert f"Valid until {until}." in producer
    assert "never from what a seller says about themselves" in producer
    assert seller.disability_certificate_number not in html
    assert seller.poor_household_number not in html


def test_shop_page_shows_tags_and_their_explanation(client, seller):
    # when
    html = client.get("/en/shop/xiaoli/").content.decode()

    # then
    head = html[html.index("<h1") : html.index('class="facts"')]
    assert DISABLED_EN in head
    assert POOR_EN in head
    assert '<h2 id="verified-heading" class="verified__heading">' in html
    assert "Valid until " in html
    assert card_tags(html)["渭源党参"] == [
        "Verified: Registered poor household",
        "Verified: Disabled seller",
    ]


def test_home_page_shows_tags_on_new_products_and_featured_shops(client, seller):
    # given
    Producer.objects.filter(pk=seller.pk).update(is_featured=True)

    # when
    html = client.get("/en/").content.decode()

    # then
    tile = html[html.index('class="producer-tile"') : html.index('id="new-heading"')]
    assert DISABLED_EN in tile
    assert card_tags(html)["渭源党参"] == [
        "Verified: Registered poor household",
        "Verified: Disabled seller",
    ]


def test_search_results_show_tags(client, seller):
    # when
    html = client.get("/en/search/", {"q": "党参"}).content.decode()

    # then
    assert card_tags(html) == {
        "渭源党参": ["Verified: Registered poor household", "Verified: Disabled seller"]
    }


def test_pending_application_gives_no_tag(client, channel, tree):
    # given: applied and submitted, not yet approved
    producer = new_disabled_seller(slug="waiting")
    apply(producer, VerificationKind.DISABLED)
    make_products(channel, 1, category=tree.dangshen, producer=producer)

    # when
    listing = client.get("/en/category/herbs/").content.decode()
    shop = client.get("/en/shop/waiting/").content.decode()

    # then
    assert 'class="tag ' not in listing
    assert 'class="tag ' not in shop
    assert "Checked by the platform" not in shop


# --- The filter: only verified poor households and disabled sellers ------------------------


@pytest.fixture
def mixed(channel, tree, seller):  # type: ignore[no-untyped-def]
    """Four shops: verified disabled + poor household (seller), verified poor household only,
    a verified cooperative, and an unverified cooperative."""
    poor = new_poor_household(name="王家小院", slug="wang")
    verify(poor, VerificationKind.POOR_HOUSEHOLD)
    cooperative = new_producer(name="验证过的合作社", slug="coop")
    verify(cooperative, VerificationKind.COOPERATIVE)
    plain = new_producer(name="普通合作社", slug="plain")
    for producer, name in ((poor, "王家党参"), (cooperative, "合作社党参"), (plain, "普通党参")):
        product = new_product(producer=producer, category=tree.dangshen, name=name)
        list_product(product, channel, [Decimal("30.00")])
        index_products([product.pk])  # what the index update after commit does


def test_category_filter_lists_only_verified_poor_household_and_disabled_products(client, mixed):
    # when
    everything = client.get("/en/category/herbs/").content.decode()
    only = client.get("/en/category/herbs/", {"verified": "1", "sort": "name"}).content.decode()

    # then
    assert len(card_names(everything)) == 4
    assert sorted(card_names(only)) == sorted(["渭源党参", "王家党参"])
    assert card_tags(only)["王家党参"] == ["Verified: Registered poor household"]
    assert 'name="verified" value="1" checked>' in only
    assert '<input type="hidden" name="sort" value="name">' in only
    assert '<input type="hidden" name="verified" value="1">' in only  # the sort form keeps it
    assert 'name="verified" value="1" checked>' not in everything


def test_category_filter_form_is_a_labelled_get_form(client, mixed):
    # when
    html = client.get("/en/category/herbs/").content.decode()

    # then
    start = html.index('<form class="filter-form"')
    form = html[start : html.index("</form>", start)]
    assert 'method="get"' in form
    assert '<input class="checkbox__input" type="checkbox" id="verified" name="verified"' in form
    assert (
        '<label class="checkbox__label" for="verified">'
        "Only products from verified poor households and disabled sellers</label>"
    ) in form
    assert '<button class="button button--secondary" type="submit">Apply filter</button>' in form


def test_category_filter_keeps_itself_across_pages(client, channel, tree):
    # given: 30 products of a verified seller
    producer = new_disabled_seller()
    verify(producer)
    make_products(channel, 30, category=tree.dangshen, producer=producer)

    # when
    html = client.get("/en/category/herbs/", {"verified": "1"}).content.decode()

    # then
    assert len(card_names(html)) == 24
    assert 'href="?verified=1&amp;page=2"' in html


def test_category_filter_without_matches_says_so_and_links_back(client, channel, tree):
    # given
    make_products(channel, 2, category=tree.dangshen)

    # when
    html = client.get("/en/category/herbs/", {"verified": "1", "sort": "name"}).content.decode()

    # then
    assert card_names(html) == []
    assert "No products from verified poor households or disabled sellers match yet." in html
    assert '<a href="?sort=name">Show all products</a>' in html
    assert 'name="verified" value="1" checked>' in html  # the box can be unticked


def test_search_filter_keeps_the_query(client, mixed):
    # when
    html = client.get("/en/search/", {"q": "党参", "verified": "1"}).content.decode()

    # then: the search page's tag facet shows the filter, and can be unticked
    assert sorted(card_names(html, "h3")) == sorted(["渭源党参", "王家党参"])
    assert '<input type="hidden" name="q" value="党参">' in html
    assert 'name="tag" value="poor_household" checked>' in html
    assert 'name="tag" value="disabled" checked>' in html


def test_filter_other_values_are_ignored(client, mixed):
    # when
    html = client.get("/en/category/herbs/", {"verified": "yes"}).content.decode()

    # then
    assert len(card_names(html)) == 4


# --- Constant queries with tags present --------------------------------------------------


def verified_products(channel, tree, size: int) -> None:  # type: ignore[no-untyped-def]
    """`size` products, each from its own verified disabled seller."""
    for _ in range(size):
        producer = new_disabled_seller(is_featured=True)
        verify(producer)
        products = make_products(channel, 1, category=tree.dangshen, producer=producer)
        index_products([p.pk for p in products])  # what the index update after commit does


@pytest.mark.parametrize("size", [1, 12])
def test_category_page_with_tags_costs_the_same_queries_for_1_and_12_products(
    client, channel, tree, django_assert_num_queries, size
):
    # given
    verified_products(channel, tree, size)

    # when
    with django_assert_num_queries(CATEGORY_PAGE_QUERIES):
        response = client.get("/en/category/herbs/", {"verified": "1"})

    # then
    assert response.content.decode().count(DISABLED_EN) == size


@pytest.mark.parametrize("size", [1, 12])
def test_home_page_with_tags_costs_the_same_queries_for_1_and_12_products(
    client, channel, tree, django_assert_num_queries, size
):
    # given
    verified_products(channel, tree, size)

    # when
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        response = client.get("/en/")

    # then: on every featured shop (8 at most) and every new product
    assert response.content.decode().count(DISABLED_EN) == min(size, 8) + size


@pytest.mark.parametrize("size", [1, 12])
def test_search_page_with_tags_costs_the_same_queries_for_1_and_12_products(
    client, channel, tree, django_assert_num_queries, size
):
    # given
    verified_products(channel, tree, size)

    # when
    with django_assert_num_queries(SEARCH_PAGE_QUERIES):
        response = client.get("/en/search/", {"q": "党参", "verified": "1"})

    # then
    assert response.content.decode().count(DISABLED_EN) == size


@pytest.mark.parametrize("size", [1, 30])
def test_shop_page_with_tags_costs_the_same_queries_for_1_and_30_products(
    client, channel, tree, django_assert_num_queries, size
):
    # given
    producer = new_disabled_seller(slug="counted", poor_household_number="621123000099999")
    verify(producer, VerificationKind.DISABLED)
    verify(producer, VerificationKind.POOR_HOUSEHOLD)
    make_products(channel, size, category=tree.dangshen, producer=producer)

    # when
    with django_assert_num_queries(SHOP_PAGE_QUERIES):
        response = client.get("/en/shop/counted/")

    # then: under the heading, in the explanation, and on every card of the first page
    assert response.content.decode().count(DISABLED_ANY) == 2 + min(size, 24)


@pytest.mark.parametrize("size", [1, 30])
def test_product_page_with_tags_costs_the_same_queries_for_1_and_30_variants(
    client, channel, tree, django_assert_num_queries, size
):
    # given
    producer = new_disabled_seller(poor_household_number="621123000088888")
    verify(producer, VerificationKind.DISABLED)
    verify(producer, VerificationKind.POOR_HOUSEHOLD)
    product = new_product(producer=producer, category=tree.dangshen, slug="many")
    list_product(product, channel, [Decimal(10 + i) for i in range(size)])

    # when
    with django_assert_num_queries(PRODUCT_PAGE_QUERIES):
        response = client.get("/en/product/many/")

    # then: in the summary and in the explanation
    html = response.content.decode()
    assert html.count(DISABLED_ANY) == 2
    assert html.count(POOR_ANY) == 2
    assert html.count("Valid until ") == 2
