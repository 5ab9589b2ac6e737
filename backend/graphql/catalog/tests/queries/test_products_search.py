"""`products(search: …)`: ranked by the search engine with `searchExplanation`, paged by
position, the same SQL for 1 and N products."""

from __future__ import annotations

from typing import Any

from backend.search.indexing import index_products
from backend.search.tests.conftest import grant_tag

SEARCH = """
query ($search: String, $first: Int, $after: String, $filter: ProductFilterInput) {
  products(channel: "default-channel", search: $search, first: $first, after: $after,
           filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { slug searchExplanation { relevance boost score reasons } } }
  }
}
"""


def nodes(response: Any) -> list[dict[str, Any]]:
    assert not response.errors, response
    return [edge["node"] for edge in response.data["products"]["edges"]]


def test_products_search_ranks_with_explanations_and_pinyin(
    gql: Any, listed_product: Any, other_producer: Any
) -> None:
    # given 党参 by a verified poor household (older) and by another shop (newer)
    grant_tag(other_producer)
    tagged = listed_product(slug="tagged", name="渭源党参", producer=other_producer)
    plain = listed_product(slug="plain", name="高山党参")
    index_products([tagged.pk, plain.pk])
    # when
    response = gql(SEARCH, {"search": "dangshen", "first": 1})
    # then
    first = nodes(response)
    assert [n["slug"] for n in first] == ["tagged"]
    explanation = first[0]["searchExplanation"]
    assert explanation["score"] == explanation["relevance"] + explanation["boost"]
    assert explanation["boost"] > 0
    products = response.data["products"]
    assert products["totalCount"] == 2
    assert products["pageInfo"]["hasNextPage"] is True
    # and the next page continues the ranking
    after = gql(SEARCH, {"search": "ds", "first": 1, "after": products["pageInfo"]["endCursor"]})
    assert [n["slug"] for n in nodes(after)] == ["plain"]


def test_products_search_with_other_filters_keeps_them(
    gql: Any, listed_product: Any, other_producer: Any
) -> None:
    # given
    mine = listed_product(slug="mine", name="渭源党参")
    theirs = listed_product(slug="theirs", name="高山党参", producer=other_producer)
    index_products([mine.pk, theirs.pk])
    # when
    from backend.graphql.core.ids import to_global_id

    response = gql(
        SEARCH,
        {
            "first": 10,
            "filter": {
                "search": "党参",
                "producers": [to_global_id("Producer", str(other_producer.pk))],
            },
        },
    )
    # then
    assert [n["slug"] for n in nodes(response)] == ["theirs"]


def test_products_search_costs_the_same_queries_for_one_and_many(
    gql: Any, listed_product: Any, django_assert_num_queries: Any
) -> None:
    # given
    index_products([listed_product(slug="p0", name="成县核桃0").pk])
    variables = {"search": "核桃", "first": 20}
    with django_assert_num_queries(5) as one:
        assert len(nodes(gql(SEARCH, variables))) == 1
    # when
    index_products([listed_product(slug=f"p{i}", name=f"成县核桃{i}").pk for i in range(1, 8)])
    # then
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(nodes(gql(SEARCH, variables))) == 8


def test_products_search_bad_text_is_no_error(gql: Any, listed_product: Any) -> None:
    # given
    listed_product(slug="a", name="成县核桃")
    for text in ("!!!", "'; --", "党" * 2000):
        # when
        response = gql(SEARCH, {"search": text, "first": 5})
        # then
        assert nodes(response) == []
