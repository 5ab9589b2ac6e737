"""Several mutations in one operation: each payload shows the checkout as that mutation left
it, not as the last one did (deferred loaders are settled between mutation fields)."""

from __future__ import annotations

from backend.graphql.checkout.tests.api_checkouts import create
from backend.graphql.checkout.tests.fixtures import gid

TWO_ADDS = """
mutation Two($id: ID, $variant: ID!) {
  first: checkoutLinesAdd(id: $id, lines: [{variantId: $variant, quantity: 1}]) {
    checkout { quantity lines { quantity } totalPrice { gross { amount } } }
    errors { code }
  }
  second: checkoutLinesAdd(id: $id, lines: [{variantId: $variant, quantity: 2}]) {
    checkout { quantity lines { quantity } totalPrice { gross { amount } } }
    errors { code }
  }
}
"""


def test_two_lines_add_in_one_operation_each_shows_its_own_result(api, channel, variant):
    # given
    checkout_id = create(api, [(variant, 1)])["checkout"]["id"]

    # when
    response = api(TWO_ADDS, {"id": checkout_id, "variant": gid("ProductVariant", variant.pk)})

    # then
    assert response.errors is None, response
    first, second = response.data["first"], response.data["second"]
    assert first["checkout"]["lines"] == [{"quantity": 2}]
    assert first["checkout"]["totalPrice"]["gross"]["amount"] == 99.8
    assert second["checkout"]["lines"] == [{"quantity": 4}]
    assert second["checkout"]["totalPrice"]["gross"]["amount"] == 199.6
