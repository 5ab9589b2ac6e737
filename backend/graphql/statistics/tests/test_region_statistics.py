from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.client import Client
from django.test.utils import CaptureQueriesContext

from backend.graphql.conftest import GRAPHQL_URL

pytestmark = pytest.mark.django_db

QUERY = """
query Stats($region: String!, $year: Int!, $key: String!) {
  regionStatistics(region: $region, year: $year) {
    regionKey
    year
    suppressionMark
    table(key: $key) {
      key
      columns { key kind }
      rows { key label regionKey suppressed values { column value } }
      total { suppressed values { column value } }
    }
  }
}
"""


def ask(client: Client, region: str, key: str = "months", year: int = 2025) -> dict[str, Any]:
    response = client.post(
        GRAPHQL_URL,
        data=json.dumps(
            {"query": QUERY, "variables": {"region": region, "year": year, "key": key}}
        ),
        content_type="application/json",
    )
    body: dict[str, Any] = json.loads(response.content)
    return body


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_region_statistics_city_operator_gets_suppressed_table(sales, operators):
    # given
    client = signed_in(operators["city"])
    # when
    result = ask(client, "6211", key="regions")
    # then
    assert result.get("errors") is None
    stats = result["data"]["regionStatistics"]
    assert stats["regionKey"] == "6211"
    rows = {row["key"]: row for row in stats["table"]["rows"]}
    # 渭源 has 3 sellers and 陇西 1: both withheld; the total (4 sellers) too
    assert rows["621123"]["suppressed"] is True
    assert rows["621123"]["regionKey"] == "621123"
    assert all(value["value"] is None for value in rows["621123"]["values"])
    assert stats["table"]["total"]["suppressed"] is True


def test_region_statistics_platform_operator_reads_unsuppressed_zero_rows(sales, operators):
    # given
    client = signed_in(operators["platform"])
    # when
    result = ask(client, "62", key="months")
    # then
    months = {row["key"]: row for row in result["data"]["regionStatistics"]["table"]["rows"]}
    february = {value["column"]: value["value"] for value in months["02"]["values"]}
    assert months["02"]["suppressed"] is False
    assert february == {"sellers": "0", "quantity": "0", "value": "0.00"}


@pytest.mark.parametrize("region", ["621123", "6211", "62", "r{township}", "999999", "nonsense"])
def test_region_statistics_other_county_operator_gets_null_alike(sales, operators, region):
    # given
    client = signed_in(operators["other_county"])
    region = region.format(township=sales.regions["township"].pk)
    # when
    result = ask(client, region)
    # then
    assert result.get("errors") is None
    assert result["data"]["regionStatistics"] is None


@pytest.mark.parametrize("who", ["customer", "staff_without_region"])
def test_region_statistics_not_an_operator_is_denied(sales, operators, who):
    # given / when
    result = ask(signed_in(operators[who]), "621123")
    # then
    assert result["data"]["regionStatistics"] is None
    assert "permission" in result["errors"][0]["message"]


def test_region_statistics_anonymous_is_denied(sales):
    # given / when
    result = ask(Client(), "621123")
    # then
    assert "authenticated" in result["errors"][0]["message"]


def test_statistics_regions_lists_the_operators_own_region(sales, operators):
    # given
    client = signed_in(operators["county"])
    # when
    response = client.post(
        GRAPHQL_URL,
        data=json.dumps({"query": "{ statisticsRegions { code } }"}),
        content_type="application/json",
    )
    # then
    assert json.loads(response.content)["data"] == {"statisticsRegions": [{"code": "621123"}]}


def test_region_statistics_query_count_is_the_same_for_county_and_province(sales, operators):
    # given
    client = signed_in(operators["platform"])
    # when / then: session, user, scope checks and the report's fixed statements
    counts = []
    for region in ("621123", "62"):
        with CaptureQueriesContext(connection) as captured:
            ask(client, region, key="regions")
        counts.append(len(captured))
    assert counts[0] == counts[1]
