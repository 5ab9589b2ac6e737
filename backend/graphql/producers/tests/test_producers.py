"""`producers` and `producer`: active producers only, public fields only."""

from __future__ import annotations

import datetime
from typing import Any

from backend.graphql.core.ids import to_global_id
from backend.producers.models import ProducerKind, ProducerShopLink
from backend.producers.tests.factories import DisabledSellerFactory, ProducerFactory
from backend.regions.models import Region

PRODUCERS = """
query Producers(
  $first: Int, $after: String, $filter: ProducerFilterInput, $sortBy: ProducerSortingInput
) {
  producers(first: $first, after: $after, filter: $filter, sortBy: $sortBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { slug } }
  }
}
"""

PRODUCER = """
query Producer($slug: String, $id: ID) {
  producer(slug: $slug, id: $id) {
    id name slug kind story openedOn memberHouseholdCount disabledEmployeeCount
    region { code name level fullName parent { code name level } }
    logo(size: 160) { url alt }
    shopLinks { platform url }
    products(first: 10) { totalCount edges { node { slug producer { slug } } } }
  }
}
"""


def producer_slugs(response: Any) -> list[str]:
    assert response.errors is None, response
    return [edge["node"]["slug"] for edge in response.data["producers"]["edges"]]


def test_producers_lists_active_producers_by_name(gql, db):
    # given
    ProducerFactory(name="B 合作社", slug="b")
    ProducerFactory(name="A 合作社", slug="a")
    ProducerFactory(name="C 合作社", slug="c", is_active=False)

    # when
    response = gql(PRODUCERS, {"first": 10})

    # then
    assert producer_slugs(response) == ["a", "b"]
    assert response.data["producers"]["totalCount"] == 2


def test_producers_paginate(gql, db):
    # given
    for letter in "abcde":
        ProducerFactory(name=f"{letter} 店", slug=letter)

    # when
    first = gql(PRODUCERS, {"first": 3})
    second = gql(PRODUCERS, {"first": 3, "after": first.data["producers"]["pageInfo"]["endCursor"]})

    # then
    assert producer_slugs(first) == ["a", "b", "c"]
    assert producer_slugs(second) == ["d", "e"]
    assert second.data["producers"]["pageInfo"]["hasNextPage"] is False


def test_producers_filter_by_kind_region_and_search(gql, producer, other_producer):
    # given
    seller = DisabledSellerFactory(name="小李的药材店", slug="xiao-li")

    # when
    by_kind = gql(PRODUCERS, {"first": 10, "filter": {"kind": "DISABLED_INDIVIDUAL"}})
    by_county = gql(PRODUCERS, {"first": 10, "filter": {"region": "621221"}})
    by_city = gql(PRODUCERS, {"first": 10, "filter": {"region": "6211"}})
    by_name = gql(PRODUCERS, {"first": 10, "filter": {"search": "药材"}})

    # then
    assert producer_slugs(by_kind) == [seller.slug]
    assert producer_slugs(by_county) == [other_producer.slug]
    assert sorted(producer_slugs(by_city)) == sorted([producer.slug, seller.slug])
    assert producer_slugs(by_name) == [seller.slug]


def test_producers_sorted_by_opening_date(gql, db):
    # given
    ProducerFactory(slug="new", opened_on=datetime.date(2020, 5, 1))
    ProducerFactory(slug="old", opened_on=datetime.date(2016, 3, 1))

    # when
    response = gql(PRODUCERS, {"first": 10, "sortBy": {"field": "OPENED_ON", "direction": "ASC"}})

    # then
    assert producer_slugs(response) == ["old", "new"]


def test_producer_by_slug_returns_public_profile(gql, producer, listed_product):
    # given
    producer.logo = "producer-logos/coop.png"
    producer.logo_alt = "合作社的标志"
    producer.save()
    ProducerShopLink.objects.create(
        producer=producer, platform="淘宝", url="https://shop.example.com/coop"
    )
    listed_product(slug="dangshen")

    # when
    response = gql(PRODUCER, {"slug": producer.slug})

    # then
    assert response.errors is None, response
    data = response.data["producer"]
    assert data["id"] == to_global_id("Producer", str(producer.pk))
    assert data["kind"] == "COOPERATIVE"
    assert data["story"] == "我们种植高山党参。"
    assert data["memberHouseholdCount"] == 12
    assert data["region"] == {
        "code": "621123",
        "name": "渭源县",
        "level": "COUNTY",
        "fullName": Region.objects.get(code="621123").full_name,
        "parent": {"code": "6211", "name": "定西市", "level": "CITY"},
    }
    assert data["logo"] == {
        "url": "/media/renditions/thumbnail/producer-logos/coop.png.jpeg",
        "alt": "合作社的标志",
    }
    assert data["shopLinks"] == [{"platform": "淘宝", "url": "https://shop.example.com/coop"}]
    assert data["products"]["totalCount"] == 1
    assert data["products"]["edges"][0]["node"]["producer"]["slug"] == producer.slug


def test_producer_by_id(gql, producer):
    # when
    response = gql(PRODUCER, {"id": to_global_id("Producer", str(producer.pk))})

    # then
    assert response.data["producer"]["slug"] == producer.slug


def test_producer_inactive_is_null(gql, db):
    # given
    closed = ProducerFactory(kind=ProducerKind.COOPERATIVE, is_active=False)

    # when
    response = gql(PRODUCER, {"slug": closed.slug})

    # then
    assert response.errors is None
    assert response.data == {"producer": None}


def test_producer_products_only_their_own_visible_products(
    gql, producer, other_producer, listed_product
):
    # given
    listed_product(slug="mine")
    listed_product(slug="theirs", producer=other_producer)

    # when
    response = gql(PRODUCER, {"slug": other_producer.slug})

    # then
    edges = response.data["producer"]["products"]["edges"]
    assert [e["node"]["slug"] for e in edges] == ["theirs"]
