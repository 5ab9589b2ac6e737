"""The customer's order history and carts cost the same number of SQL queries for 1 and for N
rows. Counts are pinned; a failure prints the SQL."""

from __future__ import annotations

import pytest

from backend.checkout.tests.scenarios import listed_variant, ready_checkout
from backend.graphql.account.tests.scenarios import place_order
from backend.graphql.checkout.tests.fixtures import payload

ORDERS = """
{
  me {
    email
    orders(first: 20) {
      totalCount
      edges {
        node {
          id number created status paymentStatus isPaid userEmail
          total { gross { amount currency } }
          shippingAddress { firstName cityArea }
          channel { slug }
          lines {
            id productName variantName quantity
            unitPrice { gross { amount } }
            variant { id name product { name } }
            producer { name }
          }
          subOrders { producer { name } status total { amount } lines { id } fulfillments { id } }
          fulfillments { trackingNumber }
        }
      }
    }
  }
}
"""

CHECKOUTS = """
{
  me {
    checkouts(first: 10) {
      totalCount
      edges {
        node {
          id quantity
          lines { id quantity variant { name } totalPrice { gross { amount } } }
          totalPrice { gross { amount } }
          deliveryMethod { ... on ShippingMethod { name } }
          parcels { producer { name } }
        }
      }
    }
  }
}
"""

# user (token); orders page; COUNT; sub-orders; their producers; lines (the customer's order
# list prefetch); variants; channel; line producers; products; fulfillments
ORDERS_QUERIES = 11
# user (token); checkouts page; COUNT; lines; 2 listing prefetches; 2 variant-fact queries;
# shipping tables (methods, rates, rules, free-shipping thresholds); producers
CHECKOUTS_QUERIES = 13


@pytest.mark.parametrize("orders", [1, 5])
def test_me_orders_same_queries_for_1_and_5_orders(
    orders, api, channel, courier, customer, customer_token, count_queries
):
    # given
    for _ in range(orders):
        place_order(channel, courier, customer, lines=2)

    # when
    with count_queries(ORDERS_QUERIES):
        me = payload(api(ORDERS, token=customer_token), "me")

    # then
    edges = me["orders"]["edges"]
    assert len(edges) == orders
    assert all(len(edge["node"]["lines"]) == 2 for edge in edges)
    assert all(len(edge["node"]["subOrders"]) == 2 for edge in edges)


@pytest.mark.parametrize("checkouts", [1, 3])
def test_me_checkouts_same_queries_for_1_and_3_checkouts(
    checkouts, api, channel, courier, customer, customer_token, count_queries
):
    # given
    for _ in range(checkouts):
        variants = [listed_variant(channel), listed_variant(channel)]
        ready_checkout(channel, [(v, 1) for v in variants], method=courier, user=customer)

    # when
    with count_queries(CHECKOUTS_QUERIES):
        me = payload(api(CHECKOUTS, token=customer_token), "me")

    # then
    edges = me["checkouts"]["edges"]
    assert len(edges) == checkouts
    assert all(len(edge["node"]["lines"]) == 2 for edge in edges)
