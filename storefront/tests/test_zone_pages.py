"""The zone, county pavilions, regional brands and campaigns in the storefront."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.orders.models import Order
from backend.search.indexing import index_products
from backend.zone.models import Campaign, CampaignCheckoutLine, CampaignOrderLine, Pavilion
from storefront.tests.checkout_scenarios import fill_checkout, make_shipping, text_of
from storefront.tests.zone_scenarios import Zone, let_tag_lapse, listed, make_zone

pytestmark = pytest.mark.django_db


def names(html: str) -> list[str]:
    return re.findall(r'<h3 class="product-card__name"[^>]*>([^<]+)</h3>', html)


def listing_names(html: str) -> list[str]:
    """Names in the search-driven list only (not the pavilion's chosen products)."""
    return names(html[html.index('class="zone-listing"') :])


@pytest.fixture
def zone(channel, tree) -> Zone:  # type: ignore[no-untyped-def]
    return make_zone(channel, tree)


# --- The zone ----------------------------------------------------------------------------


def test_zone_lists_only_products_of_producers_with_a_live_tag(client, zone):
    # when
    html = client.get("/en/zone/").content.decode()

    # then
    assert sorted(listing_names(html)) == ["成县核桃", "渭源党参"]
    assert "Showing 1 to 2 of 2 products" in html


def test_zone_drops_a_product_the_moment_its_tag_lapses(client, zone):
    # given
    assert "渭源党参" in listing_names(client.get("/en/zone/").content.decode())

    # when: the household's verification ran out a second ago (no reindex, no job)
    let_tag_lapse(zone.household_tag)

    # then
    assert listing_names(client.get("/en/zone/").content.decode()) == ["成县核桃"]


def test_zone_facets_are_a_form_of_checkboxes_and_radios_with_a_submit_button(client, zone):
    # when
    html = client.get("/en/zone/").content.decode()

    # then
    form = html[
        html.index('<form class="facets" method="get"') : html.index(
            "</form>", html.index('<form class="facets"')
        )
    ]
    for legend in ("Category", "County", "Verified seller", "Price"):
        assert f'<legend class="fieldset__legend">{legend}</legend>' in form
    assert 'type="checkbox" id="facet-county-1" name="county"' in form
    assert 'type="radio" id="facet-price-any" name="price" value="" checked>' in form
    assert '<label class="sort-form__label" for="sort">Sort by</label>' in form
    assert '<button class="button" type="submit">Show products</button>' in form
    assert '<p class="result-count" id="result-count" role="status">' in html


def test_zone_county_facet_filters_and_keeps_the_choice(client, zone):
    # when
    html = client.get("/en/zone/", {"county": "621221"}).content.decode()

    # then
    assert listing_names(html) == ["成县核桃"]
    assert 'name="county" value="621221" checked>' in html
    assert '<a href="?">Clear all choices</a>' in html


def test_zone_sorts_by_price(client, zone):
    # when
    html = client.get("/en/zone/", {"sort": "price_desc"}).content.decode()

    # then
    assert listing_names(html) == ["渭源党参", "成县核桃"]


def test_zone_pages_through_many_products(client, channel, tree, zone):
    # given: 25 more verified products, one page holds 24
    more = [
        listed(channel, zone.household, tree.dangshen, f"党参{i:02d}", f"more-{i}", "10.00")
        for i in range(25)
    ]
    index_products([p.pk for p in more])

    # when
    first = client.get("/en/zone/").content.decode()
    second = client.get("/en/zone/", {"page": "2"}).content.decode()

    # then
    assert len(listing_names(first)) == 24
    assert len(listing_names(second)) == 3
    assert "Showing 25 to 27 of 27 products" in second
    assert 'rel="next"' in first
    assert 'aria-current="page">2</a>' in second


@pytest.mark.parametrize("size", [1, 10])
def test_zone_page_costs_the_same_queries_for_1_and_10_products(
    client, channel, tree, zone, django_assert_num_queries, size
):
    # given
    extra = [
        listed(channel, zone.disabled, tree.nuts, f"核桃{i}", f"walnut-{i}", "26.00")
        for i in range(size)
    ]
    index_products([p.pk for p in extra])

    # when / then
    with django_assert_num_queries(ZONE_PAGE_QUERIES):
        response = client.get("/en/zone/")
    assert len(listing_names(response.content.decode())) == size + 2


# channel, search (ranking weights, session settings; facet counts, total and ranked hits in
# one), cards (rows, variants, prices, photos), pavilions and their photos, brands, the campaign
# on now, the menu
ZONE_PAGE_QUERIES = 13
# channel, the pavilion by key, the pavilion with county and brand, its photos, its producers
# (with tags), its chosen products' ids, their cards (rows, variants, prices, photos) and slugs,
# the search (weights, session settings; facets and hits in one), the listed cards (rows,
# variants, prices, photos), the menu
PAVILION_PAGE_QUERIES = 19


# --- Pavilions ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["weiyuan", "621123"])
def test_pavilion_page_by_slug_or_county_code(client, zone, key):
    # when
    response = client.get(f"/en/zone/{key}/")

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 lang="zh-Hans">渭源党参馆</h1>' in html
    assert "渭源县海拔两千米" in html  # the story
    assert 'href="/en/shop/wang-family/"' in html  # the featured producer
    assert "Verified: </span>Registered poor household" in html
    assert 'href="/en/brands/longshang/"' in html


def test_pavilion_page_lists_the_countys_verified_products_and_its_chosen_ones(client, zone):
    # when
    html = client.get("/en/zone/weiyuan/").content.decode()

    # then: the signature product is chosen; the unverified cooperative's product is not listed
    chosen = html[html.index('id="featured-heading"') : html.index('id="producers-heading"')]
    assert names(chosen) == ["渭源党参"]
    assert listing_names(html) == ["渭源党参"]
    assert "党参片" not in html


def test_pavilion_unpublished_or_missing_is_not_found(client, zone):
    # given
    Pavilion.objects.filter(pk=zone.weiyuan.pk).update(is_published=False)

    # then
    assert client.get("/en/zone/weiyuan/").status_code == 404
    assert client.get("/en/zone/nowhere/").status_code == 404


# --- Brands ------------------------------------------------------------------------------


def test_brand_page_lists_its_pavilions_and_their_products(client, zone):
    # when
    html = client.get("/en/brands/longshang/").content.decode()

    # then
    assert '<h1 lang="zh-Hans">陇上好物</h1>' in html
    assert 'href="/en/zone/weiyuan/"' in html
    assert 'href="/en/zone/chengxian/"' in html
    assert sorted(listing_names(html)) == ["成县核桃", "渭源党参"]


def test_brand_page_county_choice_stays_within_the_brand(client, zone):
    # when: one of its counties, and one that is not its own
    html = client.get("/en/brands/longshang/", {"county": ["621221", "140429"]}).content.decode()

    # then
    assert listing_names(html) == ["成县核桃"]
    assert 'name="county" value="621221" checked>' in html
    assert 'value="140429"' not in html


# --- Campaigns ---------------------------------------------------------------------------


def test_campaign_page_shows_featured_products_with_the_campaign_price(client, zone):
    # when
    html = client.get("/en/campaigns/walnut-festival/").content.decode()

    # then
    assert sorted(listing_names(html)) == ["成县核桃", "核桃仁"]
    assert "On now." in html
    assert "¥22.00 during the campaign (usually ¥25.00)" in html
    assert 'action="/en/campaigns/walnut-festival/add/"' in html


def test_campaign_add_puts_the_item_in_the_cart_at_the_campaign_price(client, zone):
    # when
    response = client.post(
        "/en/campaigns/walnut-festival/add/", {"variant": zone.walnut_variant.pk, "quantity": 2}
    )

    # then
    assert response.status_code == 302
    assert response["Location"] == "/en/cart/"
    link = CampaignCheckoutLine.objects.get()
    assert link.campaign == zone.campaign
    cart = text_of(client.get("/en/cart/").content.decode())
    assert "¥44.00" in cart  # 2 × 22.00


def test_campaign_purchase_records_the_order_line(client, zone):
    # given
    make_shipping()
    client.post(
        "/en/campaigns/walnut-festival/add/", {"variant": zone.walnut_variant.pk, "quantity": 3}
    )
    fill_checkout(client)

    # when
    client.post("/en/checkout/review/")

    # then
    order = Order.objects.get()
    row = CampaignOrderLine.objects.select_related("order_line").get()
    assert row.order_line.order == order
    assert row.campaign == zone.campaign
    assert row.unit_price_amount == Decimal("22.00")
    assert row.order_line.total_price_amount == Decimal("66.00")
    assert row.campaign_price_applied


def test_campaign_add_of_a_product_not_featured_is_refused(client, zone):
    # when
    other = zone.dangshen.variants.get()
    response = client.post(
        "/en/campaigns/walnut-festival/add/", {"variant": other.pk, "quantity": 1}
    )

    # then
    assert response.status_code == 302
    assert response["Location"] == "/en/campaigns/walnut-festival/"
    assert not CampaignCheckoutLine.objects.exists()


def test_ended_campaign_page_says_so_and_offers_no_campaign_price(client, zone):
    # given
    Campaign.objects.filter(pk=zone.campaign.pk).update(
        ends_at=timezone.now() - timedelta(seconds=1)
    )

    # when
    html = client.get("/en/campaigns/walnut-festival/").content.decode()
    post = client.post(
        "/en/campaigns/walnut-festival/add/", {"variant": zone.walnut_variant.pk, "quantity": 1}
    )

    # then
    assert "This campaign has ended." in html
    assert "during the campaign" not in html
    assert post.status_code == 404


def test_unpublished_campaign_is_not_found(client, zone):
    # given
    Campaign.objects.filter(pk=zone.campaign.pk).update(is_published=False)

    # then
    assert client.get("/en/campaigns/walnut-festival/").status_code == 404


# --- Home --------------------------------------------------------------------------------


def test_home_shows_the_zone_the_campaign_and_the_pavilions(client, zone):
    # when
    html = client.get("/en/").content.decode()

    # then
    assert '<a href="/en/zone/">Special-products zone</a>' in html
    assert 'href="/en/campaigns/walnut-festival/"' in html
    assert 'href="/en/zone/weiyuan/"' in html
    assert 'href="/en/zone/chengxian/"' in html


@pytest.mark.parametrize("size", [1, 6])
def test_home_with_pavilions_costs_the_same_queries_for_1_and_6(
    client, channel, tree, django_assert_num_queries, size
):
    # given
    from backend.regions.models import Region, RegionLevel
    from backend.zone.tests.factories import CampaignFactory, PavilionFactory
    from storefront.tests.scenarios import make_products

    counties = Region.objects.filter(level=RegionLevel.COUNTY).order_by("pk")[:size]
    for county in counties:
        PavilionFactory(county=county)
    CampaignFactory()
    make_products(channel, 1, category=tree.dangshen)

    # when / then: the home page's queries, and the pavilions' photos
    from storefront.tests.test_home_page import HOME_PAGE_QUERIES

    with django_assert_num_queries(HOME_PAGE_QUERIES + 1):
        response = client.get("/en/")
    assert response.content.decode().count('class="chip" href="/en/zone/') == size


@pytest.mark.parametrize("size", [1, 6])
def test_pavilion_page_costs_the_same_queries_for_1_and_6_chosen_items(
    client, channel, tree, zone, django_assert_num_queries, size
):
    # given: more producers and chosen products in the pavilion
    from storefront.tests.scenarios import new_poor_household

    for i in range(size):
        producer = new_poor_household(name=f"农家{i}")
        product = listed(channel, producer, tree.dangshen, f"党参{i}", f"chosen-{i}", "20.00")
        zone.weiyuan.featured_producers.add(producer)
        zone.weiyuan.featured_products.add(product)

    # when / then
    with django_assert_num_queries(PAVILION_PAGE_QUERIES):
        response = client.get("/en/zone/weiyuan/")
    chosen = response.content.decode()
    assert chosen.count('class="producer-tile"') == size + 1
