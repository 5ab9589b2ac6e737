"""A checkout costs the same number of SQL queries with 1 line and with 10, for reading it and
for completing it (Saleor's checkout benchmarks). The counts are pinned: a change that adds a
query per line fails here with the SQL printed."""

from __future__ import annotations

import pytest

from backend.checkout.tests.scenarios import listed_variant, new_producer, ready_checkout
from backend.graphql.checkout.tests.fixtures import BANK, gid, payload

CHECKOUT = """
query Checkout($id: ID) {
  checkout(id: $id) {
    id token email quantity
    lines {
      id quantity
      variant {
        id name sku
        product { name thumbnail { url } }
        pricing { price { gross { amount } } }
      }
      unitPrice { gross { amount } }
      totalPrice { gross { amount currency } }
      problems { __typename }
    }
    problems { __typename }
    subtotalPrice { gross { amount } }
    shippingPrice { gross { amount } }
    totalPrice { gross { amount } }
    shippingAddress { firstName phone countryArea city cityArea streetAddress1 region { code } }
    deliveryMethod { ... on ShippingMethod { id name price { amount } } }
    shippingMethods { id name active price { amount } }
    availablePaymentGateways { id name }
    parcels { producer { name } totalPrice { amount } lines { id } }
  }
}
"""

COMPLETE = """
mutation Complete($id: ID, $gateway: String) {
  checkoutComplete(id: $id, paymentGateway: $gateway) {
    order {
      id number status total { gross { amount } }
      lines { productName quantity totalPrice { gross { amount } } variant { id } }
      subOrders { producer { name } total { amount } }
    }
    errors { field code }
  }
}
"""

# checkout; lines with variants, products and producers; 2 listing prefetches; 2 variant-fact
# queries; the shipping tables (active methods, their rates, rules, free-shipping thresholds);
# stock and reservations for problems; county region; products; variant listings; producers;
# product media
CHECKOUT_QUERIES = 17
# checkout lookup; earlier order for this checkout?; completion in a savepoint (lock, shipping
# tables (methods, rates, rules, thresholds),
# lines + 2 listing prefetches, 2 variant-fact queries, 3 INSERTs for order, sub-orders and
# lines, stock lock, reservations, allocation INSERT + stock UPDATE, payment, event, checkout
# lines, reservations, lines (and their campaign links) and checkout deleted); the response's
# order lines, sub-orders, variants, channel and producers
COMPLETE_QUERIES = 33


def checkout_with_lines(channel, courier, count):  # type: ignore[no-untyped-def]
    farms = [new_producer(), new_producer()]
    variants = [
        listed_variant(channel, producer=farms[i % 2], price="10.00", stock=5) for i in range(count)
    ]
    return ready_checkout(channel, [(v, 1) for v in variants], method=courier)


@pytest.mark.parametrize("lines", [1, 10])
def test_checkout_query_same_queries_for_1_and_10_lines(
    lines, api, channel, courier, count_queries
):
    # given
    checkout = checkout_with_lines(channel, courier, lines)

    # when
    with count_queries(CHECKOUT_QUERIES):
        found = payload(api(CHECKOUT, {"id": gid("Checkout", checkout.pk)}), "checkout")

    # then
    assert len(found["lines"]) == lines
    assert found["totalPrice"]["gross"]["amount"] > 0


@pytest.mark.parametrize("lines", [1, 10])
def test_checkout_complete_same_queries_for_1_and_10_lines(
    lines, api, channel, courier, count_queries
):
    # given
    checkout = checkout_with_lines(channel, courier, lines)

    # when
    with count_queries(COMPLETE_QUERIES):
        result = payload(
            api(COMPLETE, {"id": gid("Checkout", checkout.pk), "gateway": BANK}),
            "checkoutComplete",
        )

    # then
    assert result["errors"] == []
    assert len(result["order"]["lines"]) == lines
