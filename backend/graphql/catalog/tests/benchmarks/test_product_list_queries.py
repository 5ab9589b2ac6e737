"""A product list costs the same number of SQL queries for 1 row and for 50 (Saleor's
benchmarks). The counts are pinned: a change that adds a query per list must update them."""

from __future__ import annotations

import pytest

from backend.verification.models import VerificationKind
from storefront.tests.tag_scenarios import verify

pytestmark = pytest.mark.usefixtures("evidence_root")

PRODUCTS = """
query Products($first: Int!) {
  products(first: $first, channel: "default-channel") {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id name slug isAvailable isAvailableForPurchase
        thumbnail(size: 160, format: WEBP) { url alt }
        category { id name parent { id name } }
        productType { name }
        producer {
          id name kind region { code fullName parent { name } } shopLinks { url }
          tags { code name validUntil }
        }
        tags { code name validUntil }
        pricing {
          priceRange { start { gross { amount currency } } stop { gross { amount currency } } }
        }
        attributes { attribute { slug name inputType } values { slug name } }
        collections { slug }
        media { url(size: 480) alt }
        variants {
          id sku name quantityAvailable
          pricing { price { gross { amount currency } } }
          attributes { attribute { slug } }
          media { id }
        }
        defaultVariant { id }
      }
    }
  }
}
"""

# channel, page, COUNT, media, category, parent category, product type, producer, region,
# parent region, shop links, variants, variant listings, stock, variant attributes, variant
# media, product listing, product attributes, collections, verified tags (one query serves
# both `tags` and `producer.tags`)
PRODUCT_LIST_QUERIES = 20


@pytest.mark.parametrize("size", [1, 50])
def test_products_list_query_count_is_constant(size, full_catalogue, gql, count_queries):
    # given: every producer verified (a cooperative), so every product carries a tag
    for product in full_catalogue(size):
        verify(product.producer, VerificationKind.COOPERATIVE)

    # when
    with count_queries(PRODUCT_LIST_QUERIES):
        response = gql(PRODUCTS, {"first": size})

    # then
    assert response.errors is None, response
    assert len(response.data["products"]["edges"]) == size
    assert response.data["products"]["totalCount"] == size
    first = response.data["products"]["edges"][0]["node"]
    assert len(first["variants"]) == 2
    assert first["producer"]["region"]["code"] == "621123"
    assert all(
        [t["code"] for t in edge["node"]["tags"]] == ["COOPERATIVE"]
        for edge in response.data["products"]["edges"]
    )
    assert first["producer"]["tags"] == first["tags"]


CATEGORIES = """
query Categories($first: Int!) {
  categories(first: $first, level: 1) {
    totalCount
    edges {
      node {
        id name slug level
        parent { id }
        backgroundImage(size: 480) { url }
        children(first: 5) { totalCount edges { node { id } } }
        products(first: 3, channel: "default-channel") {
          totalCount
          pageInfo { hasNextPage }
          edges {
            node { id name thumbnail { url } pricing { priceRange { start { gross { amount } } } } }
          }
        }
      }
    }
  }
}
"""

# channel, page, COUNT, parent, children page, children count, products page, products count,
# media, variants, variant listings
CATEGORY_LIST_QUERIES = 11


@pytest.mark.parametrize("size", [1, 50])
def test_categories_list_with_nested_products_query_count_is_constant(
    size, full_catalogue, gql, count_queries
):
    # given
    full_catalogue(size)

    # when
    with count_queries(CATEGORY_LIST_QUERIES):
        response = gql(CATEGORIES, {"first": size})

    # then
    assert response.errors is None, response
    edges = response.data["categories"]["edges"]
    assert len(edges) == size
    assert all(e["node"]["products"]["totalCount"] == 1 for e in edges)
