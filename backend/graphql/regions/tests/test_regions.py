"""`regions`: official divisions by level and parent, paginated by code."""

from __future__ import annotations

from typing import Any

import pytest

from backend.graphql.core.ids import to_global_id
from backend.regions.models import Region

REGIONS = """
query Regions(
  $first: Int, $after: String, $level: RegionLevelEnum, $parent: String, $search: String
) {
  regions(first: $first, after: $after, level: $level, parent: $parent, search: $search) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id code name level fullName parent { code } } }
  }
}
"""


def codes(response: Any) -> list[str]:
    assert response.errors is None, response
    return [edge["node"]["code"] for edge in response.data["regions"]["edges"]]


def test_regions_provinces_in_code_order(gql, db):
    # when
    response = gql(REGIONS, {"first": 3, "level": "PROVINCE"})

    # then
    assert codes(response) == ["11", "12", "13"]
    assert response.data["regions"]["totalCount"] == Region.objects.filter(level=1).count()
    assert response.data["regions"]["edges"][0]["node"]["parent"] is None


def test_regions_children_of_a_city_with_full_names(gql, db):
    # when
    response = gql(REGIONS, {"first": 20, "parent": "6211"})

    # then
    assert "621123" in codes(response)
    node = next(
        e["node"] for e in response.data["regions"]["edges"] if e["node"]["code"] == "621123"
    )
    weiyuan = Region.objects.get(code="621123")
    assert node == {
        "id": to_global_id("Region", str(weiyuan.pk)),
        "code": "621123",
        "name": "渭源县",
        "level": "COUNTY",
        "fullName": weiyuan.full_name,
        "parent": {"code": "6211"},
    }


def test_regions_pagination_continues_after_cursor(gql, db):
    # when
    first = gql(REGIONS, {"first": 2, "level": "PROVINCE"})
    after = first.data["regions"]["pageInfo"]["endCursor"]
    second = gql(REGIONS, {"first": 2, "level": "PROVINCE", "after": after})

    # then
    assert codes(first) == ["11", "12"]
    assert codes(second) == ["13", "14"]


def test_regions_search_by_name(gql, db):
    # when
    response = gql(REGIONS, {"first": 5, "search": "渭源"})

    # then
    assert codes(response) == ["621123"]


@pytest.mark.parametrize("size", [1, 50])
def test_regions_list_query_count_is_constant(size, gql, db, count_queries):
    # given
    query = """query($first: Int) { regions(first: $first, level: CITY) {
      totalCount edges { node { code fullName parent { code parent { code } } } } } }"""

    # when: page, COUNT, parents (provinces, which have no parent)
    with count_queries(3):
        response = gql(query, {"first": size})

    # then
    assert len(response.data["regions"]["edges"]) == size
