"""The storefront's shared page parts in the cache (storefront/page_cache.py): kept per
language and address, dropped when the catalogue changes, never anything personal."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import override_settings

from backend.accounts.tests.factories import UserFactory
from backend.catalog.models import ProductChannelListing
from backend.catalog.tests.factories import list_product
from backend.catalog.variant_editing import set_variant_price
from backend.warehouse.models import Stock
from storefront import page_cache
from storefront.tests.scenarios import make_products, new_category, new_producer, new_product

pytestmark = pytest.mark.django_db

# With the shared parts found in the cache, the home page's sections and the category menu
# run no query at all; the category page still finds its category (and its path and children).
HOME_PAGE_QUERIES_CACHED = 0
CATEGORY_PAGE_QUERIES_CACHED = 2
# The product page reads fresh the channel, whether the product is on sale, its variants with
# their stock, their prices, and its review summary (10 queries uncached).
PRODUCT_PAGE_QUERIES_CACHED = 5
# The search page's results and title found in the cache: no query at all.
SEARCH_PAGE_QUERIES_CACHED = 0


@pytest.fixture
def page_cache_on() -> Iterator[None]:
    cache.clear()
    with override_settings(STOREFRONT_CACHE_SECONDS=30):
        yield
    cache.clear()


def test_home_page_cached_runs_no_queries_and_shows_the_same(
    client, channel, tree, page_cache_on, django_assert_num_queries
):
    # given
    make_products(channel, 3, category=tree.dangshen, producer=new_producer(is_featured=True))
    first = client.get("/en/").content.decode()

    # when
    with django_assert_num_queries(HOME_PAGE_QUERIES_CACHED):
        second = client.get("/en/").content.decode()

    # then
    assert second == first
    assert "New products" in second
    assert "¥49.90" in second


def test_home_page_cached_per_language(client, channel, tree, page_cache_on):
    # given
    make_products(channel, 1, category=tree.dangshen)
    client.get("/en/")

    # when
    html = client.get("/").content.decode()

    # then
    assert "新品上架" in html
    assert "New products" not in html
    assert '<a href="/category/dangshen/">党参</a>' in html


def test_home_page_cache_off_runs_the_queries_every_time(
    client, channel, tree, django_assert_num_queries
):
    # given: the test settings (STOREFRONT_CACHE_SECONDS=0)
    from storefront.tests.test_home_page import HOME_PAGE_QUERIES

    make_products(channel, 1, category=tree.dangshen)
    client.get("/")

    # when / then
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        client.get("/")


def test_home_page_cached_never_shows_one_visitors_account_to_another(
    client, channel, tree, page_cache_on
):
    # given: a signed-in buyer fills the cache
    make_products(channel, 1, category=tree.dangshen)
    buyer = UserFactory.create()
    client.force_login(buyer)
    signed_in = client.get("/en/").content.decode()
    client.logout()

    # when: an anonymous visitor gets the cached page, then the buyer again
    anonymous = client.get("/en/").content.decode()
    client.force_login(buyer)
    again = client.get("/en/").content.decode()

    # then
    assert "Sign out" in signed_in
    assert "Your orders" in signed_in
    assert "Sign out" not in anonymous
    assert "Your orders" not in anonymous
    assert "csrfmiddlewaretoken" not in anonymous
    assert "Sign in" in anonymous
    assert "Sign out" in again


def test_category_page_cached_per_address(
    client, channel, tree, page_cache_on, django_assert_num_queries
):
    # given
    (cheap,) = make_products(channel, 1, category=tree.dangshen, prices=[Decimal("10.00")])
    (dear,) = make_products(channel, 1, category=tree.dangshen, prices=[Decimal("90.00")])
    cheap.name, dear.name = "便宜的党参", "贵的党参"
    cheap.save(update_fields=["name"])
    dear.save(update_fields=["name"])
    newest = client.get("/en/category/dangshen/").content.decode()

    # when
    with django_assert_num_queries(CATEGORY_PAGE_QUERIES_CACHED):
        cached = client.get("/en/category/dangshen/").content.decode()
    by_price = client.get("/en/category/dangshen/?sort=price").content.decode()

    # then
    assert cached == newest
    assert newest.index("贵的党参") < newest.index("便宜的党参")
    assert by_price.index("便宜的党参") < by_price.index("贵的党参")


def test_category_menu_changes_when_a_category_is_added(
    client, channel, tree, page_cache_on, django_capture_on_commit_callbacks
):
    # given
    client.get("/en/")

    # when
    with django_capture_on_commit_callbacks(execute=True):
        new_category(name="木耳", slug="muer")
    html = client.get("/en/").content.decode()

    # then
    assert 'href="/en/category/muer/"' in html


def test_catalogue_version_changes_on_a_product_event_only_after_commit(
    channel, tree, page_cache_on, django_capture_on_commit_callbacks
):
    # given
    from backend.audit.models import AuditEventType
    from backend.catalog.events import record_product_event

    (product,) = make_products(channel, 1, category=tree.dangshen)
    before = page_cache.catalogue_version()

    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        record_product_event(AuditEventType.PRODUCT_UPDATED, product, actor=None)
    pending = page_cache.catalogue_version()
    for callback in callbacks:
        callback()

    # then
    assert pending == before
    assert page_cache.catalogue_version() != before


@pytest.mark.django_db(transaction=True)
def test_home_page_cached_shows_a_new_price_at_once(client, page_cache_on):
    # given
    from backend.catalog.tests.factories import ChannelFactory

    channel = ChannelFactory()
    category = new_category(name="党参", slug="dangshen")
    (product,) = make_products(channel, 1, category=category)
    assert "¥49.90" in client.get("/en/").content.decode()

    # when
    set_variant_price(product.variants.get(), "39.90", channel=channel, actor=None)
    html = client.get("/en/").content.decode()

    # then
    assert "¥39.90" in html
    assert "¥49.90" not in html


def test_product_page_cached_reads_prices_and_stock_fresh(
    client, channel, tree, page_cache_on, django_assert_num_queries
):
    # given: the page is cached, then price and stock change without any audit row
    product = new_product(category=tree.dangshen, name="渭源白条党参", slug="weiyuan-dangshen")
    list_product(product, channel, [Decimal("49.90")], stock=3)
    first = client.get("/en/product/weiyuan-dangshen/").content.decode()
    variant = product.variants.get()
    variant.channel_listings.update(price_amount=Decimal("39.90"))
    Stock.objects.filter(product_variant=variant).update(quantity=2)

    # when
    with django_assert_num_queries(PRODUCT_PAGE_QUERIES_CACHED):
        html = client.get("/en/product/weiyuan-dangshen/").content.decode()

    # then
    assert "¥49.90" in first
    assert "Only 3 left" in first
    assert "¥39.90" in html
    assert "¥49.90" not in html
    assert "Only 2 left" in html
    assert "渭源白条党参" in html


def test_product_page_cached_unpublished_returns_404_at_once(client, channel, tree, page_cache_on):
    # given
    product = new_product(category=tree.dangshen, slug="hidden")
    list_product(product, channel)
    assert client.get("/product/hidden/").status_code == 200

    # when: unpublished without any audit row (the cached part stays)
    ProductChannelListing.objects.filter(product=product).update(is_published=False)
    response = client.get("/product/hidden/")

    # then
    assert response.status_code == 404


def test_product_page_cached_gives_each_visitor_their_own_form_token(
    client, channel, tree, page_cache_on
):
    # given
    from django.test import Client

    product = new_product(category=tree.dangshen, slug="dangshen")
    list_product(product, channel, stock=5)
    other = Client()
    other.force_login(UserFactory.create())

    # when
    mine = client.get("/en/product/dangshen/")
    theirs = other.get("/en/product/dangshen/")

    # then
    assert mine.status_code == theirs.status_code == 200
    assert "Sign out" not in mine.content.decode()
    assert "Sign out" in theirs.content.decode()
    assert mine.context["csrf_token"] != theirs.context["csrf_token"]


def test_search_page_cached_per_address_without_any_form_token(
    client, channel, tree, page_cache_on, django_assert_num_queries
):
    # given
    from storefront.tests.test_search_page import names
    from storefront.tests.zone_scenarios import make_zone

    make_zone(channel, tree)
    first = client.get("/en/search/?q=党参").content.decode()

    # when
    with django_assert_num_queries(SEARCH_PAGE_QUERIES_CACHED):
        cached = client.get("/en/search/?q=党参").content.decode()
    walnuts = client.get("/en/search/?q=hetao").content.decode()

    # then
    assert cached == first
    assert names(cached) == ["渭源党参", "党参片"]
    assert set(names(walnuts)) == {"成县核桃", "核桃仁"}
    assert "csrfmiddlewaretoken" not in cached
