"""A search costs the same number of SQL queries for one matching product and for many."""

from __future__ import annotations

from typing import Any

import pytest

from backend.search.indexing import index_products
from backend.search.interface import SearchQuery, search_products
from backend.search.tests.conftest import Catalogue, certify, grant_tag, make_product


def add_dangshen(catalogue: Catalogue, count: int) -> None:
    made = []
    for number in range(count):
        product = make_product(
            catalogue.poor, catalogue.dangshen_cat, f"野生党参{number}", catalogue.channel, "80"
        )
        certify(product, catalogue.organic)
        made.append(product.pk)
    index_products(made)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # weights, session settings, then the total, facets and page of hits in one statement
        (SearchQuery(text="野生党参"), 3),
        (SearchQuery(text="野生党参", county_codes=("621123",), certifications=("organic",)), 3),
        (SearchQuery(zone_only=True, category_slugs=("herbs",)), 3),
        # + the typo pass's statement
        (SearchQuery(text="yesheng dangshne"), 4),
    ],
)
def test_search_query_count_is_the_same_for_one_and_many_products(
    catalogue: Catalogue, django_assert_num_queries: Any, query: SearchQuery, expected: int
) -> None:
    # given one matching product
    add_dangshen(catalogue, 1)
    with django_assert_num_queries(expected):
        one = search_products(query)
    # when there are many
    add_dangshen(catalogue, 12)
    grant_tag(catalogue.plain)
    with django_assert_num_queries(expected):
        many = search_products(query)
    # then
    assert one.total >= 1
    assert many.total > one.total
