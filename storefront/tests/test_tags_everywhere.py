"""A tag appears and disappears everywhere at once: every listing, the product page, the shop
page, the filter and the API answer the very next request after an approval, a revocation or
a lapse. Nothing caches a page or a tag (no cache middleware, no `cache_page`, no shared
cache headers), so there is nothing to invalidate."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client

from backend.catalog.tests.factories import list_product
from backend.producers.models import Producer
from backend.search.indexing import index_products
from backend.verification.models import VerificationApplication, VerificationKind
from backend.verification.review import approve_application
from storefront.tests.scenarios import new_disabled_seller, new_product
from storefront.tests.tag_scenarios import apply, county_operator, let_lapse, revoke, verify

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("evidence_root")]

TAG = 'class="tag tag--disabled"><span class="visually-hidden">Verified: </span>Disabled seller'
PAGES = {
    "home": "/en/",
    "category": "/en/category/herbs/",
    "category filtered": "/en/category/herbs/?verified=1",
    "search": "/en/search/?q=党参",
    "search filtered": "/en/search/?q=党参&verified=1",
    "product": "/en/product/weiyuan-dangshen/",
    "shop": "/en/shop/xiaoli/",
}
API = """
query($slug: String) {
  product(slug: $slug) { tags { code } producer { tags { code } } }
  products(first: 10, filter: {verifiedTags: [DISABLED]}) { edges { node { slug } } }
  producers(first: 10, filter: {verifiedTags: [DISABLED]}) {
    edges { node { slug tags { code } } }
  }
}
"""


@pytest.fixture
def shop(channel, tree) -> Producer:  # type: ignore[no-untyped-def]
    producer = new_disabled_seller(name="小李的党参店", slug="xiaoli", is_featured=True)
    product = new_product(
        producer=producer, category=tree.dangshen, name="渭源党参", slug="weiyuan-dangshen"
    )
    list_product(product, channel, [Decimal("49.90")])
    index_products([product.pk])
    return producer


@pytest.fixture
def committed(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Run what a change queues for after its commit (the search index update), as production
    does when the transaction commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def where_the_tag_shows(client: Client) -> set[str]:
    """Every page and API field that shows the shop's tag right now (one fresh request each)."""
    shown = set()
    for name, path in PAGES.items():
        response = client.get(path)
        assert response.status_code == 200, name
        if TAG in response.content.decode():
            shown.add(name)
    api = client.post(
        "/graphql/",
        data=json.dumps({"query": API, "variables": {"slug": "weiyuan-dangshen"}}),
        content_type="application/json",
    ).json()
    assert "errors" not in api, api
    data = api["data"]
    if data["product"]["tags"] == [{"code": "DISABLED"}]:
        shown.add("api product.tags")
    if data["product"]["producer"]["tags"] == [{"code": "DISABLED"}]:
        shown.add("api producer.tags")
    if [e["node"]["slug"] for e in data["products"]["edges"]] == ["weiyuan-dangshen"]:
        shown.add("api products filter")
    if [e["node"]["slug"] for e in data["producers"]["edges"]] == ["xiaoli"]:
        shown.add("api producers filter")
    return shown


EVERYWHERE = set(PAGES) | {
    "api product.tags",
    "api producer.tags",
    "api products filter",
    "api producers filter",
}


def test_tag_appears_everywhere_on_approval_and_nowhere_before(client, shop, committed):
    # given: the application waits for an operator
    application = apply(shop, VerificationKind.DISABLED)
    before = where_the_tag_shows(client)

    # when
    with committed():
        approve_application(application.pk, actor=county_operator(shop))

    # then
    assert before == set()
    assert where_the_tag_shows(client) == EVERYWHERE


def test_tag_disappears_everywhere_at_once_on_revocation(client, shop, committed):
    # given
    with committed():
        application = verify(shop, VerificationKind.DISABLED)
    assert where_the_tag_shows(client) == EVERYWHERE

    # when
    with committed():
        revoke(application)

    # then: the very next requests
    assert where_the_tag_shows(client) == set()


def test_tag_disappears_everywhere_at_once_when_the_verification_runs_out(client, shop, committed):
    # given
    with committed():
        application = verify(shop, VerificationKind.DISABLED)
    assert where_the_tag_shows(client) == EVERYWHERE

    # when: its year is over; no job runs
    let_lapse(application)

    # then
    application.refresh_from_db()
    assert application.status == "approved"  # nothing changed but the clock
    assert where_the_tag_shows(client) == set()


def test_tag_comes_back_everywhere_with_a_new_approval(client, shop, committed):
    # given: revoked, then applied for again with new evidence
    with committed():
        revoke(verify(shop, VerificationKind.DISABLED))
    assert where_the_tag_shows(client) == set()

    # when
    with committed():
        verify(shop, VerificationKind.DISABLED)

    # then
    assert where_the_tag_shows(client) == EVERYWHERE
    assert VerificationApplication.objects.filter(seller=shop).count() == 2


def test_tag_pages_are_never_cached():
    # given
    cache_middleware = {
        "django.middleware.cache.UpdateCacheMiddleware",
        "django.middleware.cache.FetchFromCacheMiddleware",
        "django.middleware.cache.CacheMiddleware",
    }

    # then: no site-wide page cache
    assert cache_middleware.isdisjoint(settings.MIDDLEWARE)


def test_tag_pages_send_no_shared_cache_headers(client, shop):
    # given
    verify(shop, VerificationKind.DISABLED)

    for name, path in PAGES.items():
        # when
        response = client.get(path)

        # then: no proxy or browser may serve a stale copy as fresh
        cache_control = response.headers.get("Cache-Control", "")
        assert "public" not in cache_control, name
        assert "max-age" not in cache_control, name
        assert "Expires" not in response.headers, name
