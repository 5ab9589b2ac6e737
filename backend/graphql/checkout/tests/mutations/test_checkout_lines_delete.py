from __future__ import annotations

from backend.graphql.checkout.tests.api_checkouts import create
from backend.graphql.checkout.tests.fixtures import codes, gid, payload
from backend.graphql.checkout.tests.operations import LINES_DELETE


def delete(api, checkout_id, line_ids):  # type: ignore[no-untyped-def]
    variables = {"id": checkout_id, "linesIds": line_ids}
    return payload(api(LINES_DELETE, variables), "checkoutLinesDelete")


def test_checkout_lines_delete_removes_lines(api, channel, variant, variant_maker):
    # given
    other = variant_maker()
    checkout = create(api, [(variant, 1), (other, 1)])["checkout"]

    # when
    result = delete(api, checkout["id"], [checkout["lines"][0]["id"]])

    # then
    assert result["errors"] == []
    assert [line["id"] for line in result["checkout"]["lines"]] == [checkout["lines"][1]["id"]]


def test_checkout_lines_delete_line_not_in_checkout_not_found(api, channel, variant):
    # given
    checkout = create(api, [(variant, 1)])["checkout"]
    foreign = create(api, [(variant, 1)])["checkout"]["lines"][0]["id"]

    # when
    result = delete(api, checkout["id"], [foreign])

    # then
    assert codes(result) == [("linesIds", "NOT_FOUND")]
    assert result["errors"][0]["lines"] == [foreign]


def test_checkout_lines_delete_malformed_line_id_graphql_error(api, channel, variant):
    # given
    checkout = create(api, [(variant, 1)])["checkout"]

    # when
    result = delete(api, checkout["id"], [gid("ProductVariant", variant.pk)])

    # then
    assert codes(result) == [("linesIds", "GRAPHQL_ERROR")]


def test_checkout_lines_delete_unknown_checkout_not_found(api, channel, variant):
    # given
    line_id = create(api, [(variant, 1)])["checkout"]["lines"][0]["id"]

    # when
    result = delete(api, gid("Checkout", "00000000-0000-4000-8000-000000000000"), [line_id])

    # then
    assert codes(result) == [("id", "NOT_FOUND")]
