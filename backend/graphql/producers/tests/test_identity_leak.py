"""No identity number is reachable through the API (PIPL: sensitive personal information).

Two independent checks:
- the schema: no field, argument or input field is named like an identity number;
- the data: every producer of the demo fixtures (and of the factories) is read through every
  field the schema offers, and none of their certificate, resident-ID or poor-household numbers
  appears anywhere in the responses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from graphql import (
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
    is_leaf_type,
    is_required_argument,
)

from backend.catalog.tests.factories import list_product
from backend.graphql.api import schema as graphene_schema
from backend.producers.models import Producer
from backend.producers.tests.factories import DisabledSellerFactory, PoorHouseholdFactory

SCHEMA: GraphQLSchema = graphene_schema.graphql_schema

# Name fragments of identity data, compared without case, underscores or dashes.
FORBIDDEN_NAME_PARTS = (
    "certificate",
    "disability",
    "poorhousehold",
    "householdnumber",
    "registration",
    "residentid",
    "idnumber",
    "idcard",
    "identity",
)


# Names that match a fragment but hold no personal data: a batch's quality certificates (合格证,
# test reports) are public by design.
NOT_PERSONAL = frozenset({"Batch.certificates"})


def looks_like_identity(name: str) -> bool:
    normalised = re.sub(r"[_\-]", "", name).lower()
    return any(part in normalised for part in FORBIDDEN_NAME_PARTS)


def schema_names(schema: GraphQLSchema) -> Iterator[str]:
    """Every field, argument and input-field name, as `Type.field(arg)`."""
    for type_name, graphql_type in schema.type_map.items():
        if type_name.startswith("__"):
            continue
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in graphql_type.fields.items():
                yield f"{type_name}.{field_name}"
                for arg_name in field.args:
                    yield f"{type_name}.{field_name}({arg_name})"
        if isinstance(graphql_type, GraphQLInputObjectType):
            for field_name in graphql_type.fields:
                yield f"{type_name}.{field_name}"


@pytest.mark.parametrize(
    "name",
    ["disabilityCertificateNumber", "poor_household_number", "disabilityGrade", "residentIdNumber"],
)
def test_looks_like_identity_catches_identity_field_names(name):
    # when / then
    assert looks_like_identity(name)


def test_schema_has_no_field_named_like_an_identity_number():
    # when
    suspicious = [
        name
        for name in schema_names(SCHEMA)
        if looks_like_identity(name.split(".")[-1]) and name not in NOT_PERSONAL
    ]

    # then
    assert list(schema_names(SCHEMA))  # the walk really saw the schema
    assert suspicious == []


def full_selection(type_name: str, depth: int) -> str:
    """Every field of a type that takes no required argument, `depth` object levels deep;
    connections are read with `first: 5`."""
    graphql_type = SCHEMA.type_map[type_name]
    assert isinstance(graphql_type, GraphQLObjectType)
    parts = []
    for name, field in graphql_type.fields.items():
        if any(is_required_argument(arg) for arg in field.args.values()):
            continue
        arguments = "(first: 5)" if "first" in field.args else ""
        named = get_named_type(field.type)
        if is_leaf_type(named):
            parts.append(f"{name}{arguments}")
        elif isinstance(named, GraphQLObjectType) and depth > 0:
            inner = full_selection(named.name, depth - 1)
            if inner:
                parts.append(f"{name}{arguments} {{ {inner} }}")
    return " ".join(parts)


def identity_numbers() -> list[str]:
    numbers = []
    for certificate, household in Producer.objects.values_list(
        "disability_certificate_number", "poor_household_number"
    ):
        if certificate:
            numbers += [certificate, certificate[:18]]
        if household:
            numbers.append(household)
    return numbers


@pytest.fixture(scope="module")
def demo_catalogue(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """The shipped demo fixtures, loaded once for this module and rolled back after it."""
    from backend.demo.loading import load_demo

    media: Path = tmp_path_factory.mktemp("identity-media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(MEDIA_ROOT=str(media), PASSWORD_HASHERS=hashers),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        load_demo()
        yield
        transaction.set_rollback(True)


def all_producer_slugs(gql: Any) -> list[str]:
    slugs: list[str] = []
    after = None
    while True:
        response = gql(
            "query($after: String) { producers(first: 100, after: $after) {"
            " pageInfo { hasNextPage endCursor } edges { node { slug } } } }",
            {"after": after},
        )
        assert response.errors is None, response
        page = response.data["producers"]
        slugs += [edge["node"]["slug"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return slugs
        after = page["pageInfo"]["endCursor"]


def test_responses_for_every_producer_contain_no_identity_number(demo_catalogue, db, channel, gql):
    # given: the demo fixtures, plus one seller of each identity-bearing kind with a product
    for factory in (DisabledSellerFactory, PoorHouseholdFactory):
        seller: Any = factory()
        from backend.catalog.tests.factories import ProductFactory

        product: Any = ProductFactory(producer=seller)
        list_product(product, channel)
    numbers = identity_numbers()
    producer_fields = full_selection("Producer", depth=3)
    product_fields = full_selection("Product", depth=2)

    # when
    slugs = all_producer_slugs(gql)
    bodies = [
        gql(
            f"query($slug: String) {{ producer(slug: $slug) {{ {producer_fields} }} }}", {"slug": s}
        )
        for s in slugs
    ]
    bodies.append(
        gql(f"{{ producers(first: 100) {{ edges {{ node {{ {producer_fields} }} }} }} }}")
    )
    bodies.append(gql(f"{{ products(first: 100) {{ edges {{ node {{ {product_fields} }} }} }} }}"))

    # then
    assert len(slugs) == Producer.objects.filter(is_active=True).count() >= 24
    assert len(numbers) >= 6  # the demo really has identity numbers to leak
    for response in bodies:
        assert response.errors is None, response
        text = json.dumps(response.body, ensure_ascii=False)
        leaked = [number for number in numbers if number in text]
        assert leaked == []
