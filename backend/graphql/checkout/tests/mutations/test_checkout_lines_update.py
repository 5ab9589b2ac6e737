from __future__ import annotations

import pytest

from backend.graphql.checkout.tests.api_checkouts import create
from backend.graphql.checkout.tests.fixtures import codes, gid, payload
from backend.graphql.checkout.tests.operations import LINES_UPDATE


def update(api, checkout_id, lines):  # type: ignore[no-untyped-def]
    return payload(api(LINES_UPDATE, {"id": checkout_id, "lines": lines}), "checkoutLinesUpdate")


@pytest.fixture
def cart(api, channel, variant, variant_maker):  # type: ignore[no-untyped-def]
    other = variant_maker(price="12.00")
    checkout = create(api, [(variant, 2), (other, 1)])["checkout"]
    return checkout, other


def test_checkout_lines_update_by_line_id_sets_quantity(api, cart, variant):
    # given
    checkout, _other = cart
    line = checkout["lines"][0]

    # when
    result = update(api, checkout["id"], [{"lineId": line["id"], "quantity": 4}])

    # then
    assert result["errors"] == []
    first = result["checkout"]["lines"][0]
    assert (first["id"], first["quantity"]) == (line["id"], 4)


def test_checkout_lines_update_zero_removes_line(api, cart):
    # given
    checkout, _other = cart

    # when
    result = update(api, checkout["id"], [{"lineId": checkout["lines"][1]["id"], "quantity": 0}])

    # then
    assert result["errors"] == []
    assert [li["variant"]["id"] for li in result["checkout"]["lines"]] == [
        checkout["lines"][0]["variant"]["id"]
    ]


def test_checkout_lines_update_deprecated_variant_id_accepted(api, cart, variant):
    # given
    checkout, _other = cart

    # when
    result = update(
        api, checkout["id"], [{"variantId": gid("ProductVariant", variant.pk), "quantity": 1}]
    )

    # then
    assert result["errors"] == []
    assert result["checkout"]["lines"][0]["quantity"] == 1


def test_checkout_lines_update_line_of_another_checkout_not_found(api, cart, variant):
    # given
    checkout, _other = cart
    foreign = create(api, [(variant, 1)])["checkout"]["lines"][0]["id"]

    # when
    result = update(api, checkout["id"], [{"lineId": foreign, "quantity": 1}])

    # then
    assert codes(result) == [("lineId", "NOT_FOUND")]
    assert result["errors"][0]["lines"] == [foreign]


def test_checkout_lines_update_missing_quantity_and_line_required(api, cart):
    # given
    checkout, _other = cart

    # when
    result = update(api, checkout["id"], [{"lineId": checkout["lines"][0]["id"]}, {"quantity": 1}])

    # then
    assert codes(result) == [("quantity", "REQUIRED"), ("lineId", "REQUIRED")]


def test_checkout_lines_update_malformed_line_id_graphql_error(api, cart):
    # given
    checkout, _other = cart

    # when
    result = update(api, checkout["id"], [{"lineId": "garbage", "quantity": 1}])

    # then
    assert codes(result) == [("lineId", "GRAPHQL_ERROR")]


def test_checkout_lines_update_negative_quantity_invalid(api, cart):
    # given
    checkout, _other = cart

    # when
    result = update(api, checkout["id"], [{"lineId": checkout["lines"][0]["id"], "quantity": -2}])

    # then
    assert codes(result) == [("quantity", "INVALID")]


def test_checkout_lines_update_beyond_stock_insufficient_stock(api, cart, variant):
    # given
    checkout, _other = cart

    # when
    result = update(api, checkout["id"], [{"lineId": checkout["lines"][0]["id"], "quantity": 11}])

    # then
    assert codes(result) == [("quantity", "INSUFFICIENT_STOCK")]
    assert result["errors"][0]["variants"] == [gid("ProductVariant", variant.pk)]


def test_checkout_lines_update_over_limit_refused(api, cart, settings):
    # given
    checkout, _other = cart
    settings.MAX_CHECKOUT_LINE_QUANTITY = 3

    # when
    result = update(api, checkout["id"], [{"lineId": checkout["lines"][0]["id"], "quantity": 4}])

    # then
    assert codes(result) == [("quantity", "QUANTITY_GREATER_THAN_LIMIT")]


def test_checkout_lines_update_unknown_checkout_not_found(api, cart):
    # given
    checkout, _other = cart

    # when
    result = update(
        api,
        gid("Checkout", "00000000-0000-4000-8000-000000000000"),
        [{"lineId": checkout["lines"][0]["id"], "quantity": 1}],
    )

    # then
    assert codes(result) == [("id", "NOT_FOUND")]
