"""The producers list costs the same SQL queries for 1 producer and for 50."""

from __future__ import annotations

import pytest

from backend.producers.models import ProducerShopLink
from backend.verification.models import VerificationKind
from storefront.tests.tag_scenarios import verify

pytestmark = pytest.mark.usefixtures("evidence_root")

PRODUCERS = """
query Producers($first: Int!) {
  producers(first: $first) {
    totalCount
    edges {
      node {
        id name slug kind story openedOn memberHouseholdCount
        region { code fullName parent { name } }
        logo { url alt }
        shopLinks { platform url }
        tags { code name validUntil }
        products(first: 4) {
          totalCount
          edges {
            node {
              slug thumbnail(size: 160) { url } tags { code }
              pricing { priceRange { start { gross { amount } } } }
            }
          }
        }
      }
    }
  }
}
"""

# page, COUNT, region, parent region, shop links, verified tags (their products' tags come from
# the same loader), channel, products page, products count, media, variants, variant listings
PRODUCER_LIST_QUERIES = 12


@pytest.mark.parametrize("size", [1, 50])
def test_producers_list_query_count_is_constant(size, full_catalogue, gql, count_queries):
    # given
    products = full_catalogue(size)
    for product in products:
        ProducerShopLink.objects.create(
            producer=product.producer, platform="微店", url=f"https://shop.example.com/{product.pk}"
        )
        verify(product.producer, VerificationKind.COOPERATIVE)

    # when
    with count_queries(PRODUCER_LIST_QUERIES):
        response = gql(PRODUCERS, {"first": size})

    # then
    assert response.errors is None, response
    edges = response.data["producers"]["edges"]
    assert len(edges) == size
    assert all(e["node"]["products"]["totalCount"] == 1 for e in edges)
    assert all([t["code"] for t in e["node"]["tags"]] == ["COOPERATIVE"] for e in edges)
    assert all(
        e["node"]["products"]["edges"][0]["node"]["tags"] == [{"code": "COOPERATIVE"}]
        for e in edges
    )
