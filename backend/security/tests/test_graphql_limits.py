"""The GraphQL guard-rails hold for every type in the schema, whichever issue added it: each test
walks the schema itself, so a new list, connection or root field is covered the day it lands.

- cost: every paginated field multiplies by its page size; every list of objects is priced;
- page size: every connection refuses more than GRAPHQL_PAGE_SIZE_LIMIT, first or last;
- depth and aliases: the deepest query each root field allows is refused past the limit, and
  so are too many aliases of any root field — before anything runs;
- errors: a real database failure under the zone, traceability, search, reviews and
  procurement roots answers "Internal Server Error" with no SQL, table name or traceback.
"""

from __future__ import annotations

from collections import deque
from functools import cache
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from graphql import (
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    get_named_type,
    get_nullable_type,
    parse,
)

from backend.graphql.api import schema
from backend.graphql.core.cost import COST_MAP, query_cost
from backend.graphql.core.errors import INTERNAL_ERROR_MESSAGE

SCHEMA = schema.graphql_schema
QUERY = SCHEMA.query_type
assert QUERY is not None

# Lists of objects that cost nothing to resolve: read from the row already loaded, or fixed.
UNPRICED_LISTS = {
    "metadata",  # key/value pairs stored on the row itself
    "errors",  # a mutation payload's error list
    "edges",  # a connection's page, priced by the connection field
}
UNPRICED_FIELDS = {
    "Channel.countries",
    "Shop.countries",
    "Shop.languages",
    "PaymentGateway.config",
    "SelectedAttribute.values",  # loaded with the attribute list that is priced
}

DUMMY_ARGUMENTS = {
    "String": '"x"',
    "ID": '"UHJvZHVjdDox"',
    "UUID": '"00000000-0000-0000-0000-000000000000"',
    "Int": "1",
    "Boolean": "true",
}


def object_types() -> list[GraphQLObjectType]:
    return [
        graphql_type
        for name, graphql_type in SCHEMA.type_map.items()
        if isinstance(graphql_type, GraphQLObjectType) and not name.startswith("__")
    ]


def is_paginated(field: GraphQLField) -> bool:
    return "first" in field.args or "last" in field.args


def is_connection(field: GraphQLField) -> bool:
    return get_named_type(field.type).name.endswith("Connection")


def is_object_list(field: GraphQLField) -> bool:
    nullable = get_nullable_type(field.type)
    return isinstance(nullable, GraphQLList) and isinstance(
        get_named_type(field.type), GraphQLObjectType
    )


def required_arguments(field: GraphQLField) -> dict[str, str]:
    return {
        name: get_named_type(argument.type).name
        for name, argument in field.args.items()
        if isinstance(argument.type, GraphQLNonNull)
    }


def call(name: str, field: GraphQLField, page: int = 1) -> str:
    """`name(args)`: required arguments get a well-typed dummy, paginated fields a page."""
    arguments = [
        f"{arg}: {DUMMY_ARGUMENTS[kind]}" for arg, kind in required_arguments(field).items()
    ]
    if is_paginated(field):
        arguments.append(f"first: {page}")
    return f"{name}({', '.join(arguments)})" if arguments else name


def leaf(graphql_type: Any) -> str:
    return "{ totalCount }" if graphql_type.name.endswith("Connection") else "{ __typename }"


def walkable(field: GraphQLField) -> bool:
    kinds = required_arguments(field).values()
    return isinstance(get_named_type(field.type), GraphQLObjectType) and all(
        kind in DUMMY_ARGUMENTS for kind in kinds
    )


@cache
def deepest(type_name: str, levels: int) -> str | None:
    """A selection set on `type_name` nesting `levels` more levels, or None if none does."""
    if levels == 0:
        return "{ __typename }"
    graphql_type = SCHEMA.get_type(type_name)
    assert isinstance(graphql_type, GraphQLObjectType)
    for name, field in graphql_type.fields.items():
        if name.startswith("__") or not walkable(field):
            continue
        inner = deepest(get_named_type(field.type).name, levels - 1)
        if inner is not None:
            return f"{{ {call(name, field)} {inner} }}"
    return None


def paths_to_paginated_fields() -> dict[str, str]:
    """For each paginated field Type.field, a query reaching it (breadth first from Query)
    with the page size left as `PAGE`."""
    found: dict[str, str] = {}
    queue: deque[tuple[GraphQLObjectType, str]] = deque([(QUERY, "{ HOLE }")])
    seen = {QUERY.name}
    while queue:
        graphql_type, template = queue.popleft()
        for name, field in graphql_type.fields.items():
            if not walkable(field) and not is_paginated(field):
                continue
            key = f"{graphql_type.name}.{name}"
            child = get_named_type(field.type)
            if is_paginated(field) and key not in found:
                selection = f"{call(name, field, page=0).replace('first: 0', 'first: PAGE')}"
                found[key] = template.replace("HOLE", f"{selection} {leaf(child)}")
            if not walkable(field) or child.name in seen:
                continue
            seen.add(child.name)
            inner = "edges { node { HOLE } }" if child.name.endswith("Connection") else "HOLE"
            if child.name.endswith("Connection"):
                node = get_named_type(child.fields["edges"].type).fields["node"].type
                child = get_named_type(node)
                seen.add(child.name)
            queue.append((child, template.replace("HOLE", f"{call(name, field)} {{ {inner} }}")))
    return found


PAGINATED = paths_to_paginated_fields()


# --- cost ----------------------------------------------------------------------------------


def test_schema_walk_every_paginated_field_multiplies_its_cost_by_the_page_size():
    # given
    fields = [
        (t.name, name) for t in object_types() for name, f in t.fields.items() if is_paginated(f)
    ]
    # when
    unmultiplied = [
        f"{type_name}.{name}"
        for type_name, name in fields
        if "first" not in COST_MAP.get(type_name, {}).get(name, {}).get("multipliers", [])
    ]
    # then
    assert len(fields) >= 15
    assert unmultiplied == []


def test_schema_walk_every_list_of_objects_is_priced():
    # when
    unpriced = [
        f"{t.name}.{name}"
        for t in object_types()
        for name, field in t.fields.items()
        if is_object_list(field)
        and name not in UNPRICED_LISTS
        and f"{t.name}.{name}" not in UNPRICED_FIELDS
        and name not in COST_MAP.get(t.name, {})
    ]
    # then
    assert unpriced == []


@pytest.mark.parametrize("key", sorted(PAGINATED))
def test_schema_walk_cost_grows_with_page_size(key: str):
    # given
    template = PAGINATED[key]
    # when
    small = query_cost(SCHEMA, parse(template.replace("PAGE", "1")), {})
    large = query_cost(SCHEMA, parse(template.replace("PAGE", "100")), {})
    # then
    assert large - small >= 99, template


# --- page size -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(PAGINATED))
def test_schema_walk_every_page_over_the_limit_is_refused_or_capped(
    key: str, gql, full_catalogue, client, django_user_model
):
    # given: one of everything along each path, and a signed-in buyer for `me`
    full_catalogue(1)
    client.force_login(django_user_model.objects.create_user("walker@example.test", "pw-12345"))
    limit = settings.GRAPHQL_PAGE_SIZE_LIMIT
    query = PAGINATED[key].replace("PAGE", str(limit + 1))
    type_name, field_name = key.split(".")
    field = SCHEMA.get_type(type_name).fields[field_name]  # type: ignore[union-attr]
    # when
    response = gql(query)
    # then
    if is_connection(field):
        messages = [error["message"] for error in response.errors or []]
        assert f"exceeds the `first` limit of {limit} records." in " ".join(messages), query
    else:  # a plain list capped by its resolver (it says so in its description)
        assert response.errors is None, response
        assert f"At most {limit}" in (field.args["first"].description or "")


def test_schema_walk_reaches_every_connection_field():
    # given
    connections = {
        f"{t.name}.{name}"
        for t in object_types()
        for name, field in t.fields.items()
        if is_connection(field)
    }
    # then
    assert connections <= set(PAGINATED)


# --- depth and aliases ---------------------------------------------------------------------


ROOTS = sorted(name for name, field in QUERY.fields.items() if walkable(field))


DEEP_ROOTS = [
    root
    for root in ROOTS
    if deepest(get_named_type(QUERY.fields[root].type).name, settings.GRAPHQL_QUERY_MAX_DEPTH)
]


def test_schema_walk_most_roots_can_nest_past_the_depth_limit():
    # then: the depth test below is not vacuous (roots with no cycle cannot get that deep)
    assert len(DEEP_ROOTS) >= len(ROOTS) // 2


@pytest.mark.parametrize("root", DEEP_ROOTS)
def test_schema_walk_deepest_query_of_each_root_is_refused_past_the_depth_limit(root: str, gql, db):
    # given
    field = QUERY.fields[root]
    limit = settings.GRAPHQL_QUERY_MAX_DEPTH
    inner = deepest(get_named_type(field.type).name, limit)
    # when
    response = gql(f"{{ {call(root, field)} {inner} }}")
    # then
    assert response.data is None
    assert response.errors[0]["message"] == f"The query exceeds the maximum depth of {limit}."


@pytest.mark.parametrize("root", ROOTS)
def test_schema_walk_too_many_aliases_of_each_root_are_refused(root: str, gql, db):
    # given
    field = QUERY.fields[root]
    limit = settings.GRAPHQL_QUERY_MAX_ALIASES
    selection = leaf(get_named_type(field.type))
    aliased = " ".join(f"a{i}: {call(root, field)} {selection}" for i in range(limit + 1))
    # when
    response = gql(f"{{ {aliased} }}")
    # then
    assert response.data is None
    assert "aliases" in response.errors[0]["message"]


# --- errors --------------------------------------------------------------------------------


BROKEN_ROOTS = {
    "zone_campaign": "{ campaigns { name } }",
    "zone_pavilion": "{ pavilions { name } }",
    "traceability_batch": '{ batch(code: "SY-0001") { code } }',
    "search_searchdocument": '{ products(first: 5, search: "苹果") { totalCount } }',
    "reviews_productreview": (
        "{ products(first: 1) { edges { node { reviews(first: 5) { totalCount } } } } }"
    ),
    "procurement_contract": "{ contracts(first: 5) { id } }",
}


@pytest.mark.django_db
@pytest.mark.parametrize("table", sorted(BROKEN_ROOTS))
def test_database_failure_under_each_domain_root_leaks_no_sql(
    table: str, gql, full_catalogue, client, django_user_model
):
    # given: the table really gone for this transaction (PostgreSQL DDL rolls back after)
    full_catalogue(1)
    client.force_login(django_user_model.objects.create_user("broken@example.test", "pw-12345"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [table])
        row = cursor.fetchone()
        assert row is not None
        assert row[0] is not None, f"no table {table}"
        cursor.execute(f'ALTER TABLE "{table}" RENAME TO ops_hidden_table')
    # when
    response = gql(BROKEN_ROOTS[table])
    # then
    body = str(response.body)
    assert response.status in {200, 500}  # 500 when the failure ends the whole request
    assert INTERNAL_ERROR_MESSAGE in [error["message"] for error in response.errors]
    for leak in (table, "ops_hidden_table", "SELECT", "psycopg", "Traceback", "relation"):
        assert leak not in body
