"""Pavilions, regional brands and campaigns in the API; lists cost the same queries for 1 and N."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from backend.catalog.tests.factories import ProductFactory, list_product
from backend.producers.tests.factories import ProducerFactory
from backend.regions.models import Region, RegionLevel
from backend.zone.models import CampaignProduct, PavilionPhoto
from backend.zone.tests.factories import CampaignFactory, PavilionFactory, RegionalBrandFactory

pytestmark = pytest.mark.django_db

# pavilions, regions, brands, photos, featured producers, signature and chosen products (the
# channel is already known)
PAVILION_LIST_QUERIES = 8

PAVILIONS = """
query {
  pavilions {
    name slug signature summary story
    county { code fullName }
    brand { name slug }
    photos(size: 480) { url alt }
    featuredProducers { slug name }
    featuredProducts { slug name }
  }
}
"""

BRANDS = """
query { regionalBrands { slug name tagline pavilions { slug county { code } } } }
"""

CAMPAIGNS = """
query($liveOnly: Boolean) {
  campaigns(liveOnly: $liveOnly) { slug name isLive startsAt endsAt featuredProducts { slug } }
}
"""


def make_pavilions(channel, size: int):  # type: ignore[no-untyped-def]
    """`size` pavilions of one brand, each with a photo, a producer and two products."""
    brand = RegionalBrandFactory()
    counties = Region.objects.filter(level=RegionLevel.COUNTY).order_by("pk")[:size]
    pavilions = []
    for i, county in enumerate(counties):
        producer = ProducerFactory(region=county)
        products = []
        for j in range(2):
            product = ProductFactory(producer=producer, name=f"特产{i}-{j}")
            list_product(product, channel, [Decimal("20.00")])
            products.append(product)
        pavilion: Any = PavilionFactory(county=county, brand=brand, signature_product=products[0])
        pavilion.featured_producers.add(producer)
        pavilion.featured_products.add(products[1])
        PavilionPhoto.objects.create(
            pavilion=pavilion, image=f"zone-photos/p{i}.jpg", alt=f"梯田{i}", width=800, height=600
        )
        pavilions.append(pavilion)
    return brand, pavilions


def test_pavilions_query_returns_published_pavilions_with_their_relations(gql, channel):
    # given
    brand, (pavilion,) = make_pavilions(channel, 1)
    PavilionFactory(county=Region.objects.get(code="621221"), is_published=False)

    # when
    response = gql(PAVILIONS)

    # then
    assert response.errors is None, response
    (found,) = response.data["pavilions"]
    assert found["slug"] == pavilion.slug
    assert found["county"]["code"] == pavilion.county.code
    assert found["brand"] == {"name": brand.name, "slug": brand.slug}
    assert found["photos"][0]["alt"] == "梯田0"
    assert (
        found["photos"][0]["url"].endswith(".webp")
        or "zone-photos/p0.jpg" in found["photos"][0]["url"]
    )
    assert [p["name"] for p in found["featuredProducts"]] == ["特产0-0", "特产0-1"]
    assert len(found["featuredProducers"]) == 1


@pytest.mark.parametrize("size", [1, 8])
def test_pavilions_query_costs_the_same_queries_for_1_and_8(gql, channel, count_queries, size):
    # given
    make_pavilions(channel, size)

    # when
    with count_queries(PAVILION_LIST_QUERIES):
        response = gql(PAVILIONS)

    # then
    assert response.errors is None, response
    assert len(response.data["pavilions"]) == size


def test_pavilion_by_county_code_and_by_slug(gql, channel):
    # given
    _, (pavilion,) = make_pavilions(channel, 1)

    # when
    by_code = gql(
        "query($c: String) { pavilion(countyCode: $c) { slug } }", {"c": pavilion.county.code}
    )
    by_slug = gql("query($s: String) { pavilion(slug: $s) { slug } }", {"s": pavilion.slug})
    missing = gql('{ pavilion(slug: "nowhere") { slug } }')

    # then
    assert by_code.data["pavilion"] == {"slug": pavilion.slug}
    assert by_slug.data["pavilion"] == {"slug": pavilion.slug}
    assert missing.data["pavilion"] is None


@pytest.mark.parametrize("size", [1, 6])
def test_regional_brands_query_costs_the_same_for_1_and_6_pavilions(
    gql, channel, count_queries, size
):
    # given
    brand, _ = make_pavilions(channel, size)

    # when: brands, pavilions, regions
    with count_queries(3):
        response = gql(BRANDS)

    # then
    assert response.errors is None, response
    (found,) = response.data["regionalBrands"]
    assert found["slug"] == brand.slug
    assert len(found["pavilions"]) == size


@pytest.mark.parametrize("size", [1, 5])
def test_campaigns_query_costs_the_same_for_1_and_5(gql, channel, count_queries, size):
    # given
    for i in range(size):
        campaign: Any = CampaignFactory()
        product: Any = ProductFactory(name=f"节日特产{i}")
        list_product(product, channel, [Decimal("30.00")])
        CampaignProduct.objects.create(campaign=campaign, product=product)

    # when: campaigns, channel, featured products
    with count_queries(3):
        response = gql(CAMPAIGNS, {"liveOnly": True})

    # then
    assert response.errors is None, response
    campaigns = response.data["campaigns"]
    assert len(campaigns) == size
    assert all(c["isLive"] and len(c["featuredProducts"]) == 1 for c in campaigns)


def test_campaigns_live_only_leaves_out_ended_and_unpublished(gql, channel):
    # given
    from datetime import timedelta

    from django.utils import timezone

    live = CampaignFactory()
    CampaignFactory(
        starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=1)
    )
    CampaignFactory(is_published=False)

    # when
    every = gql(CAMPAIGNS, {"liveOnly": False})
    live_only = gql(CAMPAIGNS, {"liveOnly": True})

    # then
    assert len(every.data["campaigns"]) == 2
    assert [c["slug"] for c in live_only.data["campaigns"]] == [live.slug]
