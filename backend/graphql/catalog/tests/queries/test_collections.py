"""`collections` and `collection`: only collections published in the channel."""

from __future__ import annotations

import datetime

from django.utils import timezone

from backend.catalog.models import Collection, CollectionChannelListing, CollectionProduct
from backend.graphql.core.ids import to_global_id

COLLECTIONS = """
query Collections($first: Int, $filter: CollectionFilterInput, $sortBy: CollectionSortingInput) {
  collections(first: $first, filter: $filter, sortBy: $sortBy) {
    totalCount
    edges { node { slug name channel } }
  }
}
"""

COLLECTION = """
query Collection($slug: String, $id: ID, $sortBy: ProductOrder) {
  collection(slug: $slug, id: $id) {
    id slug name description seoTitle channel
    backgroundImage { url alt }
    products(first: 10, sortBy: $sortBy) { totalCount edges { node { slug collections { slug } } } }
  }
}
"""


def make_collection(channel, slug, *, published=True, published_at=None):
    collection = Collection.objects.create(name=slug.upper(), slug=slug)
    CollectionChannelListing.objects.create(
        collection=collection, channel=channel, is_published=published, published_at=published_at
    )
    return collection


def test_collections_lists_only_published(gql, channel):
    # given
    make_collection(channel, "festival")
    make_collection(channel, "draft", published=False)
    make_collection(channel, "later", published_at=timezone.now() + datetime.timedelta(days=2))
    Collection.objects.create(name="无渠道", slug="no-channel")

    # when
    response = gql(COLLECTIONS, {"first": 10})

    # then
    assert response.errors is None, response
    assert [e["node"]["slug"] for e in response.data["collections"]["edges"]] == ["festival"]
    assert response.data["collections"]["edges"][0]["node"]["channel"] == "default-channel"
    assert response.data["collections"]["totalCount"] == 1


def test_collections_sorted_by_product_count(gql, channel, listed_product):
    # given
    small = make_collection(channel, "a-small")
    big = make_collection(channel, "b-big")
    for i in range(2):
        CollectionProduct.objects.create(collection=big, product=listed_product(slug=f"p{i}"))
    CollectionProduct.objects.create(collection=small, product=listed_product(slug="q"))

    # when
    response = gql(
        COLLECTIONS, {"first": 10, "sortBy": {"field": "PRODUCT_COUNT", "direction": "DESC"}}
    )

    # then
    assert [e["node"]["slug"] for e in response.data["collections"]["edges"]] == [
        "b-big",
        "a-small",
    ]


def test_collection_products_in_collection_order(gql, channel, listed_product):
    # given
    collection = make_collection(channel, "county-pavilion")
    for position, slug in [(2, "walnut"), (0, "apple"), (1, "millet")]:
        CollectionProduct.objects.create(
            collection=collection, product=listed_product(slug=slug), sort_order=position
        )
    listed_product(slug="not-in-it")

    # when
    by_position = gql(
        COLLECTION,
        {"slug": "county-pavilion", "sortBy": {"field": "COLLECTION", "direction": "ASC"}},
    )
    by_id = gql(COLLECTION, {"id": to_global_id("Collection", str(collection.pk))})

    # then
    assert by_position.errors is None, by_position
    data = by_position.data["collection"]
    assert [e["node"]["slug"] for e in data["products"]["edges"]] == ["apple", "millet", "walnut"]
    assert data["products"]["totalCount"] == 3
    assert data["products"]["edges"][0]["node"]["collections"] == [{"slug": "county-pavilion"}]
    assert by_id.data["collection"]["slug"] == "county-pavilion"


def test_collection_unpublished_is_null(gql, channel):
    # given
    make_collection(channel, "draft", published=False)

    # when
    response = gql(COLLECTION, {"slug": "draft"})

    # then
    assert response.errors is None
    assert response.data == {"collection": None}


def test_collection_products_of_a_product_in_two_collections_appear_once(
    gql, channel, listed_product
):
    # given
    first = make_collection(channel, "first")
    second = make_collection(channel, "second")
    shared = listed_product(slug="shared")
    CollectionProduct.objects.create(collection=first, product=shared, sort_order=5)
    CollectionProduct.objects.create(collection=second, product=shared, sort_order=1)
    CollectionProduct.objects.create(
        collection=first, product=listed_product(slug="x"), sort_order=1
    )
    query = """{ collections(first: 10) { edges { node { slug
      products(first: 10, sortBy: {field: COLLECTION, direction: ASC}) {
        totalCount edges { node { slug } } } } } } }"""

    # when
    response = gql(query)

    # then
    assert response.errors is None, response
    by_slug = {
        e["node"]["slug"]: e["node"]["products"] for e in response.data["collections"]["edges"]
    }
    assert [e["node"]["slug"] for e in by_slug["first"]["edges"]] == ["x", "shared"]
    assert [e["node"]["slug"] for e in by_slug["second"]["edges"]] == ["shared"]
    assert by_slug["first"]["totalCount"] == 2
