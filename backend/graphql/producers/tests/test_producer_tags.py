"""`Producer.tags`, `Product.tags` and the `verifiedTags` filters: live verifications only,
translated names, the validity date, and nothing else of a verification."""

from __future__ import annotations

import json
from typing import Any

import pytest
from graphql import GraphQLObjectType

from backend.graphql.api import schema as graphene_schema
from backend.graphql.core.ids import to_global_id
from backend.producers.tests.factories import DisabledSellerFactory, ProducerFactory
from backend.verification.models import VerificationApplication, VerificationKind
from storefront.tests.tag_scenarios import apply, let_lapse, revoke, verify

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("evidence_root")]

PRODUCT = """
query Product($slug: String) {
  product(slug: $slug) {
    slug
    tags { code name validUntil }
    producer { slug tags { code name validUntil } }
  }
}
"""

PRODUCTS = """
query Products($filter: ProductFilterInput) {
  products(first: 20, filter: $filter) { edges { node { slug tags { code } } } }
}
"""

PRODUCERS = """
query Producers($filter: ProducerFilterInput) {
  producers(first: 20, filter: $filter) { edges { node { slug tags { code name } } } }
}
"""


@pytest.fixture
def seller(db: Any) -> Any:
    """A disabled seller who is also a registered poor household, verified as both."""
    return DisabledSellerFactory(slug="xiaoli", poor_household_number="621123000012345")


def slugs(response: Any, root: str) -> list[str]:
    assert response.errors is None, response
    return sorted(edge["node"]["slug"] for edge in response.data[root]["edges"])


def iso(application: VerificationApplication) -> str:
    assert application.valid_until is not None
    return application.valid_until.isoformat()


def test_product_tags_are_the_producers_verified_tags_with_validity(gql, listed_product, seller):
    # given
    disabled = verify(seller, VerificationKind.DISABLED)
    poor = verify(seller, VerificationKind.POOR_HOUSEHOLD)
    listed_product(producer=seller, slug="dangshen")

    # when
    response = gql(PRODUCT, {"slug": "dangshen"})

    # then
    assert response.errors is None, response
    expected = [
        {"code": "POOR_HOUSEHOLD", "name": "建档立卡贫困户", "validUntil": iso(poor)},
        {"code": "DISABLED", "name": "残疾人", "validUntil": iso(disabled)},
    ]
    assert response.data["product"]["tags"] == expected
    assert response.data["product"]["producer"]["tags"] == expected


@pytest.mark.parametrize(
    ("language", "name"), [("zh-CN", "残疾人"), ("zh-Hans", "残疾人"), ("en", "Disabled seller")]
)
def test_tag_name_follows_the_request_language(client, listed_product, seller, language, name):
    # given
    verify(seller, VerificationKind.DISABLED)
    listed_product(producer=seller, slug="dangshen")

    # when
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": PRODUCT, "variables": {"slug": "dangshen"}}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )

    # then
    assert response.json()["data"]["product"]["tags"][0]["name"] == name


def test_unverified_pending_or_claimed_producers_have_no_tags(gql, listed_product):
    # given: a disabled seller by kind only, and a cooperative whose application waits
    claimed = DisabledSellerFactory(slug="claimed")
    waiting = ProducerFactory(slug="waiting")
    apply(waiting, VerificationKind.COOPERATIVE)
    listed_product(producer=claimed, slug="a")
    listed_product(producer=waiting, slug="b")

    # when
    response = gql(PRODUCERS)

    # then: the two, and the plain cooperative of the `producer` fixture
    assert response.errors is None, response
    assert [e["node"]["tags"] for e in response.data["producers"]["edges"]] == [[], [], []]


def test_tags_disappear_when_revoked_or_lapsed(gql, listed_product, seller):
    # given
    disabled = verify(seller, VerificationKind.DISABLED)
    poor = verify(seller, VerificationKind.POOR_HOUSEHOLD)
    listed_product(producer=seller, slug="dangshen")

    # when
    revoke(disabled)
    after_revoke = gql(PRODUCT, {"slug": "dangshen"})
    let_lapse(poor)
    after_lapse = gql(PRODUCT, {"slug": "dangshen"})

    # then
    assert [t["code"] for t in after_revoke.data["product"]["tags"]] == ["POOR_HOUSEHOLD"]
    assert after_lapse.data["product"]["tags"] == []
    assert after_lapse.data["product"]["producer"]["tags"] == []


def test_products_filter_by_verified_tags(gql, listed_product, seller):
    # given
    verify(seller, VerificationKind.DISABLED)
    cooperative = ProducerFactory(slug="coop")
    verify(cooperative, VerificationKind.COOPERATIVE)
    listed_product(producer=seller, slug="disabled-made")
    listed_product(producer=cooperative, slug="coop-made")
    listed_product(producer=ProducerFactory(), slug="plain")

    # when
    disabled = gql(PRODUCTS, {"filter": {"verifiedTags": ["DISABLED"]}})
    either = gql(PRODUCTS, {"filter": {"verifiedTags": ["POOR_HOUSEHOLD", "COOPERATIVE"]}})
    nothing = gql(PRODUCTS, {"filter": {"verifiedTags": []}})

    # then
    assert slugs(disabled, "products") == ["disabled-made"]
    assert slugs(either, "products") == ["coop-made"]
    assert slugs(nothing, "products") == []


def test_products_filter_by_verified_tags_drops_a_lapsed_producer(gql, listed_product, seller):
    # given
    application = verify(seller, VerificationKind.DISABLED)
    listed_product(producer=seller, slug="disabled-made")
    before = gql(PRODUCTS, {"filter": {"verifiedTags": ["DISABLED"]}})

    # when
    let_lapse(application)
    after = gql(PRODUCTS, {"filter": {"verifiedTags": ["DISABLED"]}})

    # then
    assert slugs(before, "products") == ["disabled-made"]
    assert slugs(after, "products") == []


def test_producers_filter_by_verified_tags(gql, seller):
    # given
    verify(seller, VerificationKind.POOR_HOUSEHOLD)
    ProducerFactory(slug="plain")

    # when
    response = gql(PRODUCERS, {"filter": {"verifiedTags": ["POOR_HOUSEHOLD", "DISABLED"]}})

    # then
    assert slugs(response, "producers") == ["xiaoli"]
    assert response.data["producers"]["edges"][0]["node"]["tags"] == [
        {"code": "POOR_HOUSEHOLD", "name": "建档立卡贫困户"}
    ]


def test_verification_tag_exposes_only_code_name_and_validity():
    # given
    graphql_type = graphene_schema.graphql_schema.type_map["VerificationTag"]

    # when
    assert isinstance(graphql_type, GraphQLObjectType)
    fields = set(graphql_type.fields)

    # then: no evidence, reason, decision or identity number can be reached
    assert fields == {"code", "name", "validUntil"}


def test_tags_responses_carry_no_identity_number_or_evidence(gql, listed_product, seller):
    # given
    application = verify(seller, VerificationKind.DISABLED)
    listed_product(producer=seller, slug="dangshen")
    evidence = application.evidence.get()

    # when
    response = gql(PRODUCT, {"slug": "dangshen"})
    by_id = gql(
        "query($id: ID!) { producer(id: $id) { tags { code name validUntil } } }",
        {"id": to_global_id("Producer", str(seller.pk))},
    )

    # then
    text = json.dumps([response.body, by_id.body], ensure_ascii=False)
    assert seller.disability_certificate_number not in text
    assert seller.poor_household_number not in text
    assert str(evidence.public_id) not in text
    assert evidence.file.name not in text
    assert "持证" not in text  # the applicant's note


def test_tags_fields_are_in_the_cost_map(gql):
    # when
    response = gql(
        "{ products(first: 10) { edges { node { tags { code } producer { tags { code } } } } } }"
    )

    # then: products, tags, producer, producer.tags, each × 10
    assert response.extensions["cost"]["requestedQueryCost"] == 40
