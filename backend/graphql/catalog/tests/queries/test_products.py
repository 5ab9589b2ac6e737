"""`products`: visibility, pagination, sorting, filters and search."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from backend.catalog.models import Channel, ProductChannelListing
from backend.catalog.tests.factories import CategoryFactory, ChannelFactory
from backend.graphql.core.ids import to_global_id
from backend.producers.tests.factories import DisabledSellerFactory, ProducerFactory
from backend.regions.models import Region
from backend.search.indexing import index_products

PRODUCT_SLUGS = """
query Products(
  $first: Int, $last: Int, $after: String, $before: String, $channel: String,
  $filter: ProductFilterInput, $where: ProductWhereInput, $sortBy: ProductOrder, $search: String
) {
  products(
    first: $first, last: $last, after: $after, before: $before, channel: $channel,
    filter: $filter, where: $where, sortBy: $sortBy, search: $search
  ) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { slug } }
  }
}
"""


def slugs(response):
    assert response.errors is None, response
    return [edge["node"]["slug"] for edge in response.data["products"]["edges"]]


def test_products_published_product_listed_with_saleor_shape(gql, listed_product):
    # given
    product = listed_product(prices=["12.50", "30.00"], slug="dangshen", name="渭源党参")

    # when
    response = gql(
        """{ products(first: 10, channel: "default-channel") {
            totalCount
            edges { node { id name slug channel
              pricing { priceRange {
                start { gross { amount currency } net { amount } }
                stop { gross { amount currency } }
              } }
            } }
        } }"""
    )

    # then
    assert response.status == 200
    assert response.errors is None
    node = response.data["products"]["edges"][0]["node"]
    assert node["id"] == to_global_id("Product", str(product.pk))
    assert node["slug"] == "dangshen"
    assert node["channel"] == "default-channel"
    price_range = node["pricing"]["priceRange"]
    assert price_range["start"]["gross"] == {"amount": 12.5, "currency": "CNY"}
    assert price_range["start"]["net"] == {"amount": 12.5}
    assert price_range["stop"]["gross"] == {"amount": 30.0, "currency": "CNY"}
    assert response.data["products"]["totalCount"] == 1


def test_products_without_channel_use_the_default_channel(gql, listed_product):
    # given
    listed_product(slug="a")

    # when
    response = gql(PRODUCT_SLUGS, {"first": 5})

    # then
    assert slugs(response) == ["a"]


def test_products_unknown_channel_is_an_error(gql, listed_product):
    # given
    listed_product(slug="a")

    # when
    response = gql(PRODUCT_SLUGS, {"first": 5, "channel": "nowhere"})

    # then
    assert response.data["products"] is None
    assert response.errors[0]["path"] == ["products"]


@pytest.mark.parametrize(
    "listing_change",
    [
        {"is_published": False},
        {"published_at": timezone.now() + datetime.timedelta(days=1)},
        {"visible_in_listings": False},
    ],
    ids=["unpublished", "published-in-future", "hidden-from-listings"],
)
def test_products_unlisted_product_is_invisible(gql, listed_product, listing_change):
    # given
    listed_product(slug="visible")
    hidden = listed_product(slug="hidden")
    ProductChannelListing.objects.filter(product=hidden).update(**listing_change)

    # when
    response = gql(PRODUCT_SLUGS, {"first": 10})

    # then
    assert slugs(response) == ["visible"]
    assert response.data["products"]["totalCount"] == 1


def test_products_of_inactive_producer_are_invisible(gql, listed_product, other_producer):
    # given
    listed_product(slug="visible")
    listed_product(slug="closed-shop", producer=other_producer)
    other_producer.is_active = False
    other_producer.save(update_fields=["is_active"])

    # when
    response = gql(PRODUCT_SLUGS, {"first": 10})

    # then
    assert slugs(response) == ["visible"]


def test_products_listed_in_another_channel_only_are_invisible(gql, listed_product, channel):
    # given
    listed_product(slug="here")
    elsewhere: Any = ChannelFactory(slug="wholesale", name="批发")
    from backend.catalog.tests.factories import ProductFactory, list_product

    there: Any = ProductFactory(slug="there")
    list_product(there, elsewhere, [Decimal("5.00")])

    # when
    default_response = gql(PRODUCT_SLUGS, {"first": 10})
    wholesale_response = gql(PRODUCT_SLUGS, {"first": 10, "channel": "wholesale"})

    # then
    assert slugs(default_response) == ["here"]
    assert slugs(wholesale_response) == ["there"]


def test_products_inactive_channel_is_refused(gql, listed_product, channel):
    # given
    listed_product(slug="a")
    Channel.objects.filter(pk=channel.pk).update(is_active=False)

    # when
    response = gql(PRODUCT_SLUGS, {"first": 10})

    # then
    assert response.data["products"] is None
    assert response.errors


def test_products_forward_pagination_follows_cursors(gql, listed_product):
    # given
    for slug in ["a", "b", "c", "d", "e"]:
        listed_product(slug=slug)

    # when
    first_page = gql(PRODUCT_SLUGS, {"first": 2})
    end = first_page.data["products"]["pageInfo"]["endCursor"]
    second_page = gql(PRODUCT_SLUGS, {"first": 2, "after": end})
    end = second_page.data["products"]["pageInfo"]["endCursor"]
    last_page = gql(PRODUCT_SLUGS, {"first": 2, "after": end})

    # then
    assert slugs(first_page) == ["a", "b"]
    assert first_page.data["products"]["pageInfo"]["hasNextPage"] is True
    assert first_page.data["products"]["pageInfo"]["hasPreviousPage"] is False
    assert slugs(second_page) == ["c", "d"]
    assert second_page.data["products"]["pageInfo"]["hasPreviousPage"] is True
    assert slugs(last_page) == ["e"]
    assert last_page.data["products"]["pageInfo"]["hasNextPage"] is False
    assert last_page.data["products"]["totalCount"] == 5


def test_products_backward_pagination_with_last_and_before(gql, listed_product):
    # given
    for slug in ["a", "b", "c", "d", "e"]:
        listed_product(slug=slug)

    # when
    last_page = gql(PRODUCT_SLUGS, {"last": 2})
    start = last_page.data["products"]["pageInfo"]["startCursor"]
    previous_page = gql(PRODUCT_SLUGS, {"last": 2, "before": start})

    # then
    assert slugs(last_page) == ["d", "e"]
    assert last_page.data["products"]["pageInfo"]["hasPreviousPage"] is True
    assert last_page.data["products"]["pageInfo"]["hasNextPage"] is False
    assert slugs(previous_page) == ["b", "c"]
    assert previous_page.data["products"]["pageInfo"]["hasNextPage"] is True


def test_products_garbage_cursor_is_refused(gql, listed_product):
    # given
    listed_product(slug="a")

    # when
    response = gql(PRODUCT_SLUGS, {"first": 2, "after": "not-a-cursor"})

    # then
    assert response.data["products"] is None
    assert response.errors[0]["message"] == "Received cursor is invalid."


@pytest.mark.parametrize(
    ("sort_by", "expected"),
    [
        ({"field": "NAME", "direction": "ASC"}, ["b-cheap", "c-mid", "a-dear"]),
        ({"field": "NAME", "direction": "DESC"}, ["a-dear", "c-mid", "b-cheap"]),
        ({"field": "PRICE", "direction": "ASC"}, ["b-cheap", "c-mid", "a-dear"]),
        ({"field": "PRICE", "direction": "DESC"}, ["a-dear", "c-mid", "b-cheap"]),
        ({"field": "MINIMAL_PRICE", "direction": "ASC"}, ["b-cheap", "c-mid", "a-dear"]),
        ({"field": "CREATED_AT", "direction": "DESC"}, ["c-mid", "b-cheap", "a-dear"]),
        ({"field": "RATING", "direction": "DESC"}, ["c-mid", "a-dear", "b-cheap"]),
    ],
)
def test_products_sort_by(gql, listed_product, sort_by, expected):
    # given
    now = timezone.now()
    listed_product(
        slug="a-dear",
        name="Gamma 党参",
        prices=["90.00"],
        created_at=now - datetime.timedelta(days=3),
        rating=Decimal("3.5"),
    )
    listed_product(
        slug="b-cheap",
        name="Alpha 党参",
        prices=["9.00"],
        created_at=now - datetime.timedelta(days=2),
    )
    listed_product(
        slug="c-mid",
        name="Beta 党参",
        prices=["40.00"],
        created_at=now - datetime.timedelta(days=1),
        rating=Decimal("4.8"),
    )

    # when
    response = gql(PRODUCT_SLUGS, {"first": 10, "sortBy": sort_by})

    # then
    assert slugs(response) == expected


def test_products_sorted_by_price_paginate_without_gaps(gql, listed_product):
    # given: equal prices force the pk tie-break into the cursor
    for i, price in enumerate(["10.00", "10.00", "5.00", "10.00", "7.50"]):
        listed_product(slug=f"p{i}", prices=[price])
    sort_by = {"field": "PRICE", "direction": "ASC"}

    # when
    seen = []
    after = None
    for _ in range(5):
        page = gql(PRODUCT_SLUGS, {"first": 2, "after": after, "sortBy": sort_by})
        seen += slugs(page)
        after = page.data["products"]["pageInfo"]["endCursor"]
        if not page.data["products"]["pageInfo"]["hasNextPage"]:
            break

    # then
    assert seen == ["p2", "p4", "p0", "p1", "p3"]


def test_products_filter_by_category_includes_subcategories(gql, listed_product):
    # given
    herbs: Any = CategoryFactory(slug="herbs")
    roots = CategoryFactory(slug="roots", parent=herbs)
    nuts = CategoryFactory(slug="nuts")
    listed_product(slug="in-herbs", category=herbs)
    listed_product(slug="in-roots", category=roots)
    listed_product(slug="in-nuts", category=nuts)

    # when
    response = gql(
        PRODUCT_SLUGS,
        {"first": 10, "filter": {"categories": [to_global_id("Category", str(herbs.pk))]}},
    )

    # then
    assert slugs(response) == ["in-herbs", "in-roots"]


def test_products_filter_by_collection(gql, listed_product, published_collection):
    # given
    from backend.catalog.models import CollectionProduct

    inside = listed_product(slug="inside")
    listed_product(slug="outside")
    CollectionProduct.objects.create(collection=published_collection, product=inside)
    collection_id = to_global_id("Collection", str(published_collection.pk))

    # when
    response = gql(PRODUCT_SLUGS, {"first": 10, "filter": {"collections": [collection_id]}})

    # then
    assert slugs(response) == ["inside"]


def test_products_filter_by_price_range(gql, listed_product):
    # given
    listed_product(slug="cheap", prices=["9.90"])
    listed_product(slug="mid", prices=["49.90", "120.00"])
    listed_product(slug="dear", prices=["199.00"])

    # when
    response = gql(PRODUCT_SLUGS, {"first": 10, "filter": {"price": {"gte": 40, "lte": 100.5}}})

    # then
    assert slugs(response) == ["mid"]


def test_products_filter_by_ids_slugs_and_search(gql, listed_product, other_producer):
    # given
    walnut = listed_product(slug="walnut", name="成县核桃")
    oil = listed_product(slug="oil", name="田阳山茶油", description="冷榨")
    millet = listed_product(slug="millet", name="武乡小米", producer=other_producer)
    index_products([walnut.pk, oil.pk, millet.pk])  # search reads the search index

    # when
    by_ids = gql(
        PRODUCT_SLUGS,
        {"first": 10, "filter": {"ids": [to_global_id("Product", str(walnut.pk))]}},
    )
    by_slugs = gql(PRODUCT_SLUGS, {"first": 10, "filter": {"slugs": ["oil", "millet"]}})
    by_description = gql(PRODUCT_SLUGS, {"first": 10, "search": "冷榨"})
    by_producer_name = gql(PRODUCT_SLUGS, {"first": 10, "filter": {"search": "另一家合作社"}})

    # then
    assert slugs(by_ids) == ["walnut"]
    assert slugs(by_slugs) == ["millet", "oil"]
    assert slugs(by_description) == ["oil"]
    assert slugs(by_producer_name) == ["millet"]


def test_products_filter_with_id_of_wrong_type_is_an_error(gql, listed_product):
    # given
    product = listed_product(slug="a")

    # when
    response = gql(
        PRODUCT_SLUGS,
        {"first": 10, "filter": {"categories": [to_global_id("Product", str(product.pk))]}},
    )

    # then
    assert response.data["products"] is None
    assert "Expected: Category" in response.errors[0]["message"]


def test_products_filter_by_stock_availability(gql, listed_product):
    # given
    listed_product(slug="in-stock")
    sold_out = listed_product(slug="sold-out")
    from backend.warehouse.models import Stock

    Stock.objects.filter(product_variant__product=sold_out).update(quantity=0)

    # when
    in_stock = gql(PRODUCT_SLUGS, {"first": 10, "filter": {"stockAvailability": "IN_STOCK"}})
    out = gql(PRODUCT_SLUGS, {"first": 10, "filter": {"stockAvailability": "OUT_OF_STOCK"}})

    # then
    assert slugs(in_stock) == ["in-stock"]
    assert slugs(out) == ["sold-out"]


def test_products_filter_by_attribute_values(gql, listed_product, certification):
    # given
    from backend.catalog.models import AssignedProductAttributeValue

    organic = listed_product(slug="organic")
    listed_product(slug="plain")
    AssignedProductAttributeValue.objects.create(
        product=organic, value=certification.values.get(slug="organic")
    )

    # when
    response = gql(
        PRODUCT_SLUGS,
        {"first": 10, "filter": {"attributes": [{"slug": "certification", "values": ["organic"]}]}},
    )

    # then
    assert slugs(response) == ["organic"]


def test_products_filter_by_producer_kind_and_region(gql, listed_product, other_producer):
    # given
    seller: Any = DisabledSellerFactory()
    listed_product(slug="weiyuan-coop")  # cooperative in 渭源县 (621123)
    listed_product(slug="weiyuan-seller", producer=seller)
    listed_product(slug="chengxian", producer=other_producer)  # 成县 (621221), 陇南市

    # when
    by_kind = gql(
        PRODUCT_SLUGS, {"first": 10, "filter": {"producerKinds": ["DISABLED_INDIVIDUAL"]}}
    )
    by_city = gql(PRODUCT_SLUGS, {"first": 10, "filter": {"regions": ["6212"]}})
    by_province = gql(PRODUCT_SLUGS, {"first": 10, "filter": {"regions": ["62"]}})
    by_producer = gql(
        PRODUCT_SLUGS,
        {"first": 10, "filter": {"producers": [to_global_id("Producer", str(seller.pk))]}},
    )

    # then
    assert slugs(by_kind) == ["weiyuan-seller"]
    assert slugs(by_city) == ["chengxian"]
    assert sorted(slugs(by_province)) == ["chengxian", "weiyuan-coop", "weiyuan-seller"]
    assert slugs(by_producer) == ["weiyuan-seller"]


def test_products_filter_by_region_includes_villages(gql, listed_product):
    # given
    from backend.regions.loading import add_named_region
    from backend.regions.models import RegionLevel

    county = Region.objects.get(code="621123")
    town = add_named_region(county, "清源镇", RegionLevel.TOWNSHIP)
    village = add_named_region(town, "新庄村", RegionLevel.VILLAGE)
    listed_product(slug="village-product", producer=ProducerFactory(region=village))
    listed_product(
        slug="elsewhere", producer=ProducerFactory(region=Region.objects.get(code="621221"))
    )

    # when
    response = gql(PRODUCT_SLUGS, {"first": 10, "filter": {"regions": ["621123"]}})

    # then
    assert slugs(response) == ["village-product"]


def test_products_where_combines_and_or(gql, listed_product):
    # given
    listed_product(slug="a", name="党参", prices=["10.00"])
    listed_product(slug="b", name="黄芪", prices=["20.00"])
    listed_product(slug="c", name="当归", prices=["30.00"])

    # when
    response = gql(
        PRODUCT_SLUGS,
        {
            "first": 10,
            "where": {
                "OR": [{"slug": {"eq": "a"}}, {"name": {"oneOf": ["当归", "黄芪"]}}],
                "AND": [{"price": {"range": {"lte": "25"}}}],
            },
        },
    )

    # then
    assert slugs(response) == ["a", "b"]


def test_products_filter_and_where_together_are_refused(gql, listed_product):
    # given
    listed_product(slug="a")

    # when
    response = gql(
        PRODUCT_SLUGS, {"first": 10, "filter": {"slugs": ["a"]}, "where": {"slug": {"eq": "a"}}}
    )

    # then
    assert response.data["products"] is None
    assert response.errors[0]["message"] == (
        "Only one filtering argument (filter or where) can be specified."
    )
