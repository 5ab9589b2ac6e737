from __future__ import annotations

from graphql import GraphQLObjectType, parse

from backend.graphql.api import schema
from backend.graphql.core.cost import COST_MAP, query_cost

SCHEMA = schema.graphql_schema


def cost_of(query: str, variables: dict | None = None) -> int:
    return query_cost(SCHEMA, parse(query), variables)


def test_cost_map_names_only_existing_types_and_fields():
    # when
    unknown = [
        f"{type_name}.{field}"
        for type_name, fields in COST_MAP.items()
        for field in fields
        if not isinstance(SCHEMA.type_map.get(type_name), GraphQLObjectType)
        or field not in SCHEMA.type_map[type_name].fields  # type: ignore[union-attr]
    ]

    # then
    assert unknown == []


def test_cost_multiplies_nested_fields_by_page_size():
    # when
    cost = cost_of("{ products(first: 50) { edges { node { variants { pricing { onSale } } } } } }")

    # then: 50 × (products 1 + variants 1 + pricing 1)
    assert cost == 150


def test_cost_multiplies_through_nested_connections():
    # when
    cost = cost_of(
        "{ categories(first: 10) { edges { node { products(first: 20) { edges { node {"
        " thumbnail { url } } } } } } } }"
    )

    # then: 10 × 1 + 10 × 20 × (1 + 1)
    assert cost == 410


def test_cost_expands_fragments_and_counts_unmapped_fields_as_free():
    # when
    cost = cost_of(
        """query { shop { name } products(last: 5) { ...Nodes } }
        fragment Nodes on ProductCountableConnection {
          edges { node { name ... on Product { media { url } } } }
        }"""
    )

    # then: shop 1 + 5 × (products 1 + media 1)
    assert cost == 11


def test_cost_of_a_list_without_page_size_counts_it_once():
    # when
    cost = cost_of("{ products { totalCount } }")

    # then
    assert cost == 1
