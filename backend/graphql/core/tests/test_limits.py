"""Saleor's guard-rails: page size, cost, depth, aliases, one operation per request."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings
from graphql import get_introspection_query


def test_page_size_over_the_limit_is_refused(gql, channel):
    # when
    response = gql("{ products(first: 101) { edges { node { id } } } }")

    # then
    assert response.status == 200
    assert response.data == {"products": None}
    assert response.errors[0]["message"] == (
        "Requesting 101 records on the `products` connection exceeds the `first` limit of 100 "
        "records."
    )
    assert response.errors[0]["path"] == ["products"]
    assert response.errors[0]["extensions"]["exception"]["code"] == "QueryLimitError"


def test_page_size_limit_applies_to_last_and_to_nested_connections(gql, channel, producer):
    # when
    with_last = gql("{ producers(last: 500) { edges { node { id } } } }")
    nested = gql(
        "{ producers(first: 1) { edges { node { products(first: 101) { totalCount } } } } }"
    )

    # then
    assert "`last` limit of 100" in with_last.errors[0]["message"]
    assert nested.errors[0]["path"] == ["producers", "edges", 0, "node", "products"]


def test_page_size_is_required_on_connections(gql, channel):
    # when
    response = gql("{ products { edges { node { id } } } }")

    # then
    assert response.errors[0]["message"] == (
        "You must provide a `first` or `last` value to properly paginate the `products` connection."
    )


def test_page_size_100_is_accepted(gql, channel):
    # when
    response = gql("{ products(first: 100) { totalCount } }")

    # then
    assert response.errors is None
    assert response.data == {"products": {"totalCount": 0}}


def test_query_cost_is_reported_in_extensions(gql, channel):
    # when
    response = gql(
        "{ products(first: 20) { edges { node { variants { id } thumbnail { url } } } } }"
    )

    # then
    assert response.errors is None
    assert response.extensions == {"cost": {"requestedQueryCost": 60, "maximumAvailable": 50_000}}


@override_settings(GRAPHQL_QUERY_MAX_COST=100)
def test_query_over_the_cost_limit_is_refused_before_execution(gql, channel, count_queries):
    # given
    query = "{ products(first: 50) { edges { node { variants { id } thumbnail { url } } } } }"

    # when
    with count_queries(0):
        response = gql(query)

    # then
    assert response.status == 400
    assert "data" not in response.body
    assert response.errors[0]["message"] == (
        "The query exceeds the maximum cost of 100. Actual cost is 150."
    )
    cost = {"requestedQueryCost": 150, "maximumAvailable": 100}
    assert response.errors[0]["extensions"]["cost"] == cost
    assert response.extensions == {"cost": cost}


def test_query_cost_uses_variables(gql, channel):
    # when
    response = gql("query($n: Int) { products(first: $n) { edges { node { id } } } }", {"n": 7})

    # then
    assert response.extensions["cost"]["requestedQueryCost"] == 7


@override_settings(GRAPHQL_QUERY_MAX_DEPTH=4)
def test_query_too_deep_is_refused(gql, channel):
    # given: products > edges > node > category > parent = 5 levels
    query = "{ products(first: 1) { edges { node { category { parent { id } } } } } }"
    fragment_query = """
    query { products(first: 1) { ...Deep } }
    fragment Deep on ProductCountableConnection { edges { node { category { parent { id } } } } }
    """

    # when
    response = gql(query)
    via_fragment = gql(fragment_query)
    shallow = gql("{ products(first: 1) { edges { node { category { id } } } } }")

    # then
    assert response.status == 400
    assert response.errors[0]["message"] == "The query exceeds the maximum depth of 4."
    assert via_fragment.errors[0]["message"] == "The query exceeds the maximum depth of 4."
    assert shallow.errors is None


def test_standard_introspection_query_fits_the_limits(gql, db):
    # when
    response = gql(get_introspection_query(descriptions=True))

    # then
    assert response.errors is None
    assert response.data["__schema"]["queryType"]["name"] == "Query"


@override_settings(GRAPHQL_QUERY_MAX_ALIASES=2)
def test_too_many_aliases_are_refused(gql, channel):
    # given
    query = "{ a: shop { name } b: shop { name } c: shop { name } }"

    # when
    response = gql(query)
    two = gql("{ a: shop { name } b: shop { name } }")

    # then
    assert response.status == 400
    assert response.errors[0]["message"] == "The query uses 3 aliases; the limit is 2."
    assert two.errors is None


def test_two_operations_in_one_document_are_refused(gql, channel):
    # given
    document = "query A { shop { name } } query B { channels { slug } }"

    # when
    response = gql(document, operationName="A")

    # then
    assert response.status == 400
    assert response.errors[0]["message"] == (
        "Only one operation per request is allowed: send each operation in its own request."
    )


def test_batched_request_is_refused(client, channel):
    # given
    batch = [{"query": "{ shop { name } }"}, {"query": "{ channels { slug } }"}]

    # when
    response = client.post("/graphql/", data=json.dumps(batch), content_type="application/json")

    # then
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {"message": "Batched requests are not supported: send one operation per request."}
        ]
    }


@pytest.mark.parametrize(
    "body",
    ["{not json", '"a string"', "null"],
)
def test_malformed_body_is_a_client_error(client, body):
    # when
    response = client.post("/graphql/", data=body, content_type="application/json")

    # then
    assert response.status_code == 400
    assert "errors" in response.json()


def test_get_request_with_query_string_works(client, channel):
    # when
    response = client.get(
        "/graphql/", {"query": "{ shop { name } }"}, HTTP_ACCEPT="application/json"
    )

    # then
    assert response.status_code == 200
    assert response.json()["data"]["shop"]["name"]


def test_browser_get_shows_graphiql(client, db):
    # when
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")

    # then
    assert response.status_code == 200
    assert b"graphiql" in response.content.lower()


def test_cost_map_prices_every_root_field_and_connection():
    # given
    from graphql import GraphQLObjectType, get_named_type

    from backend.graphql.api import schema as project_schema
    from backend.graphql.core.cost import COST_MAP

    graphql_schema = project_schema.graphql_schema

    # when: root query fields and connection fields that the cost map does not price
    unpriced = [
        f"{type_name}.{field_name}"
        for type_name, graphql_type in graphql_schema.type_map.items()
        if isinstance(graphql_type, GraphQLObjectType) and not type_name.startswith("__")
        for field_name, field in graphql_type.fields.items()
        if (
            graphql_type is graphql_schema.query_type
            or get_named_type(field.type).name.endswith("Connection")
        )
        and field_name not in COST_MAP.get(type_name, {})
    ]

    # then: every new query or connection must state its cost
    assert unpriced == []
