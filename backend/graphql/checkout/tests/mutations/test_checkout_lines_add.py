from __future__ import annotations

import pytest

from backend.catalog.models import ProductChannelListing
from backend.checkout.models import Checkout
from backend.checkout.tests.scenarios import new_user
from backend.graphql.account.tokens import ACCESS, create_token
from backend.graphql.checkout.tests.api_checkouts import create, lines_input
from backend.graphql.checkout.tests.fixtures import codes, gid, payload
from backend.graphql.checkout.tests.operations import LINES_ADD


def add(api, checkout_id, lines, token=None, ids=None):  # type: ignore[no-untyped-def]
    variables = {"lines": lines_input(lines), **({"id": checkout_id} if checkout_id else {})}
    variables.update(ids or {})
    return payload(api(LINES_ADD, variables, token=token), "checkoutLinesAdd")


def quantities(result):  # type: ignore[no-untyped-def]
    return {line["variant"]["id"]: line["quantity"] for line in result["checkout"]["lines"]}


def test_checkout_lines_add_same_variant_adds_to_line_and_new_variant_new_line(
    api, channel, variant, variant_maker
):
    # given
    other = variant_maker(price="12.00")
    checkout_id = create(api, [(variant, 2)])["checkout"]["id"]

    # when
    result = add(api, checkout_id, [(variant, 3), (other, 1)])

    # then
    assert result["errors"] == []
    assert quantities(result) == {
        gid("ProductVariant", variant.pk): 5,
        gid("ProductVariant", other.pk): 1,
    }
    assert result["checkout"]["subtotalPrice"]["gross"]["amount"] == 261.5


@pytest.mark.parametrize("argument", ["checkoutId", "token"])
def test_checkout_lines_add_deprecated_checkout_arguments_accepted(api, channel, variant, argument):
    # given
    checkout = create(api, [(variant, 1)])["checkout"]
    value = checkout["id"] if argument == "checkoutId" else checkout["token"]

    # when
    result = add(api, None, [(variant, 1)], ids={argument: value})

    # then
    assert result["errors"] == []
    assert quantities(result) == {gid("ProductVariant", variant.pk): 2}


def test_checkout_lines_add_no_checkout_named_required(api, channel, variant):
    # when
    result = add(api, None, [(variant, 1)])

    # then
    assert codes(result) == [("id", "REQUIRED")]


def test_checkout_lines_add_malformed_id_graphql_error(api, channel, variant):
    # when
    result = add(api, gid("Order", "1"), [(variant, 1)])

    # then
    assert codes(result) == [("id", "GRAPHQL_ERROR")]


def test_checkout_lines_add_unknown_checkout_not_found(api, channel, variant):
    # when
    result = add(api, gid("Checkout", "00000000-0000-4000-8000-000000000000"), [(variant, 1)])

    # then
    assert codes(result) == [("id", "NOT_FOUND")]


def test_checkout_lines_add_other_users_checkout_not_found(api, channel, variant, customer_token):
    # given: a checkout that belongs to the customer
    checkout_id = create(api, [(variant, 1)], email=None, token=customer_token)["checkout"]["id"]
    stranger = new_user(email="stranger@example.test")

    # when: anonymous, and another user, try to change it
    anonymous = add(api, checkout_id, [(variant, 1)])
    other = add(api, checkout_id, [(variant, 1)], token=create_token(stranger, ACCESS))

    # then: the same answer as for a checkout that does not exist
    assert codes(anonymous) == [("id", "NOT_FOUND")]
    assert codes(other) == [("id", "NOT_FOUND")]


def test_checkout_lines_add_zero_quantity_refused(api, channel, variant):
    # given
    checkout_id = create(api, [(variant, 1)])["checkout"]["id"]

    # when
    result = add(api, checkout_id, [(variant, 0)])

    # then
    assert codes(result) == [("quantity", "ZERO_QUANTITY")]


def test_checkout_lines_add_beyond_stock_insufficient_stock(api, channel, variant):
    # given: 10 in stock, 8 in the cart
    checkout_id = create(api, [(variant, 8)])["checkout"]["id"]

    # when
    result = add(api, checkout_id, [(variant, 3)])

    # then
    assert codes(result) == [("quantity", "INSUFFICIENT_STOCK")]
    assert result["errors"][0]["variants"] == [gid("ProductVariant", variant.pk)]


def test_checkout_lines_add_beyond_customer_limit_refused(api, channel, variant):
    # given
    variant.quantity_limit_per_customer = 3
    variant.save(update_fields=["quantity_limit_per_customer"])
    checkout_id = create(api, [(variant, 2)])["checkout"]["id"]

    # when
    result = add(api, checkout_id, [(variant, 2)])

    # then
    assert codes(result) == [("quantity", "QUANTITY_GREATER_THAN_LIMIT")]


def test_checkout_lines_add_unpublished_product_refused(api, channel, variant, variant_maker):
    # given
    hidden = variant_maker()
    ProductChannelListing.objects.filter(product=hidden.product).update(is_published=False)
    checkout_id = create(api, [(variant, 1)])["checkout"]["id"]

    # when
    result = add(api, checkout_id, [(hidden, 1)])

    # then
    assert codes(result) == [("lines", "PRODUCT_NOT_PUBLISHED")]
    assert result["errors"][0]["variants"] == [gid("ProductVariant", hidden.pk)]


def test_checkout_lines_add_anonymous_checkout_with_token_attached_and_earlier_merged(
    api, channel, variant, variant_maker, customer, customer_token
):
    # given: the customer's earlier cart, and a cart made before signing in
    other = variant_maker()
    earlier = create(api, [(other, 1)], email=None, token=customer_token)["checkout"]
    anonymous = create(api, [(variant, 1)])["checkout"]

    # when
    result = add(api, anonymous["id"], [(variant, 1)], token=customer_token)

    # then
    assert result["errors"] == []
    assert result["checkout"]["user"] == {"email": customer.email}
    assert quantities(result) == {
        gid("ProductVariant", variant.pk): 2,
        gid("ProductVariant", other.pk): 1,
    }
    assert Checkout.objects.get(pk=anonymous["token"]).user_id == customer.pk
    assert not Checkout.objects.filter(pk=earlier["token"]).exists()
