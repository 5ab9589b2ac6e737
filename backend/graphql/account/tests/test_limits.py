"""The query guard-rails cover the new fields: cost map entries for the customer's lists and
the checkout, page-size limits on the connections."""

from __future__ import annotations

from backend.graphql.checkout.tests.fixtures import gid

HISTORY = """
{
  me {
    orders(first: 100) {
      edges { node { lines { variant { id } } subOrders { producer { id } } } }
    }
  }
}
"""

CHECKOUT = """
query Checkout($id: ID) {
  checkout(id: $id) {
    lines { variant { id } problems { __typename } }
    shippingMethods { id }
    parcels { producer { id } }
  }
}
"""


def test_me_orders_cost_counts_every_row_below_it(api, customer_token):
    # when
    response = api(HISTORY, token=customer_token)

    # then: me 1 + 100 × (orders, lines, variant, subOrders, producer)
    assert response.errors is None, response
    assert response.extensions["cost"]["requestedQueryCost"] == 501


def test_me_orders_over_cost_limit_refused(api, customer_token, settings):
    # given
    settings.GRAPHQL_QUERY_MAX_COST = 500

    # when
    response = api(HISTORY, token=customer_token)

    # then
    assert response.data is None
    assert [e["extensions"]["exception"]["code"] for e in response.errors] == ["QueryCostError"]


def test_checkout_fields_costed(api, db):
    # when
    response = api(CHECKOUT, {"id": gid("Checkout", "00000000-0000-4000-8000-000000000000")})

    # then: checkout, lines, variant, line problems, shippingMethods, parcels, producer
    assert response.errors is None, response
    assert response.extensions["cost"]["requestedQueryCost"] == 7
