"""`Product.rating`, `reviewCount` and `reviews(first, after)`, and the same on `Producer`:
visible reviews only, newest first, and the same number of queries for 1 and N products."""

from __future__ import annotations

import pytest

from backend.accounts.tests.factories import UserFactory
from backend.catalog.models import Product
from backend.checkout.tests.scenarios import listed_variant, make_courier
from backend.graphql.core.ids import to_global_id
from backend.reviews.answers import answer_review
from backend.reviews.creation import create_review
from backend.reviews.moderation import hide_review
from backend.reviews.photos import PhotoInput
from backend.reviews.tests.scenarios import delivered_purchase, jpeg_upload, review_of

pytestmark = pytest.mark.django_db

PRODUCT = """
query Product($id: ID!, $after: String) {
  product(id: $id, channel: "default-channel") {
    rating reviewCount
    reviews(first: 2, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { rating text answer { text } } }
    }
    producer { rating reviewCount reviews(first: 5) { totalCount } }
  }
}
"""


def test_product_reviews_visible_only_newest_first_paginated(gql, people, buy):
    # given
    reviews = [review_of(buy(), rating=stars, text=f"评价{stars}") for stars in (5, 4, 1)]
    answer_review(reviews[0].pk, actor=people.user("owner"), text="谢谢")
    hide_review(reviews[2].pk, actor=people.user("superuser"), reason="人身攻击")
    product_id = to_global_id("Product", reviews[0].product_id)

    # when
    first = _product(gql, {"id": product_id})
    cursor = first["reviews"]["pageInfo"]["endCursor"]
    second = _product(gql, {"id": product_id, "after": cursor})

    # then
    assert first["rating"] == 4.5
    assert first["reviewCount"] == 2
    assert first["reviews"]["totalCount"] == 2
    assert [e["node"]["text"] for e in first["reviews"]["edges"]] == ["评价4", "评价5"]
    assert first["reviews"]["edges"][1]["node"]["answer"] == {"text": "谢谢"}
    assert first["reviews"]["pageInfo"]["hasNextPage"] is False
    assert second["reviews"]["edges"] == []
    assert first["producer"] == {"rating": 4.5, "reviewCount": 2, "reviews": {"totalCount": 2}}


def test_product_without_reviews_has_null_rating_and_zero_count(gql, shop_variant):
    # when
    data = _product(gql, {"id": to_global_id("Product", shop_variant.product_id)})

    # then
    assert (data["rating"], data["reviewCount"]) == (None, 0)
    assert data["reviews"]["edges"] == []


def _product(gql, variables):  # type: ignore[no-untyped-def]
    response = gql(PRODUCT, variables)
    assert response.errors is None, response
    return response.data["product"]


PRODUCTS = """
query Products($first: Int!) {
  products(first: $first, channel: "default-channel") {
    edges {
      node {
        rating reviewCount
        reviews(first: 3) {
          totalCount
          edges { node { rating text authorName photos { url(size: 160) alt } answer { text } } }
        }
        producer { rating reviewCount reviews(first: 2) { edges { node { rating } } } }
      }
    }
  }
}
"""

# channel, page of products, review summaries, a page of reviews for every product (one UNION
# ALL), their photos, review counts (one UNION ALL), producers, producer summaries, a page of
# reviews for every producer
PRODUCT_LIST_WITH_REVIEWS_QUERIES = 9


@pytest.mark.parametrize("size", [1, 6])
def test_products_with_reviews_query_count_is_constant(channel, gql, count_queries, size):
    # given: each product of its own shop, with two reviews with a photo
    courier = make_courier()
    for _ in range(size):
        variant = listed_variant(channel, stock=10)
        for stars in (5, 3):
            buyer = UserFactory()
            purchase = delivered_purchase(channel, courier, buyer, variants=[variant])
            create_review(
                purchase.line.pk,
                actor=buyer,
                rating=stars,
                text="好",
                photos=[PhotoInput(jpeg_upload())],
            )

    # when
    with count_queries(PRODUCT_LIST_WITH_REVIEWS_QUERIES):
        response = gql(PRODUCTS, {"first": size})

    # then
    assert response.errors is None, response
    edges = response.data["products"]["edges"]
    assert len(edges) == size
    assert all(e["node"]["reviewCount"] == 2 for e in edges)
    assert all(e["node"]["rating"] == 4.0 for e in edges)
    assert all(len(e["node"]["reviews"]["edges"][0]["node"]["photos"]) == 1 for e in edges)
    assert Product.objects.count() == size
