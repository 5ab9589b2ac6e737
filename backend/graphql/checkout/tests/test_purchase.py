"""A whole purchase through GraphQL: a signed-in buyer fills one cart from two producers, gives
a Chinese address, chooses delivery, pays by bank transfer; the operator confirms the money.
One order, two sub-orders, two ledger entries, stock allocated; the buyer's history shows it."""

from __future__ import annotations

from decimal import Decimal

from backend.checkout.tests.scenarios import new_producer
from backend.graphql.checkout.tests.api_checkouts import ready
from backend.graphql.checkout.tests.fixtures import BANK, gid, payload
from backend.graphql.checkout.tests.operations import COMPLETE
from backend.orders.models import Order
from backend.payments.models import LedgerEntryKind, ProducerLedgerEntry
from backend.payments.offline import confirm_offline_payment
from backend.warehouse.models import Stock

HISTORY = """
{
  me {
    orders(first: 10) {
      totalCount
      edges {
        node {
          id number status isPaid paymentStatus
          total { gross { amount } }
          subOrders { producer { id } status total { amount } lines { productName quantity } }
        }
      }
    }
    checkouts(first: 5) { totalCount }
  }
}
"""


def test_purchase_two_producers_one_order_two_sub_orders(
    api, channel, variant_maker, courier, customer, customer_token
):
    # given
    cooperative, household = new_producer(), new_producer()
    oil = variant_maker(producer=cooperative, price="68.00", stock=10, weight_grams=1000)
    apples = variant_maker(
        producer=household, price="39.90", stock=5, weight_grams=2500, fresh=True
    )
    checkout_id = ready(api, [(oil, 2), (apples, 1)], courier, token=customer_token)

    # when
    placed = payload(
        api(COMPLETE, {"id": checkout_id, "gateway": BANK}, token=customer_token),
        "checkoutComplete",
    )
    order = Order.objects.get(pk=int(placed["order"]["number"]))
    confirm_offline_payment(order, actor=None)
    history = payload(api(HISTORY, token=customer_token), "me")

    # then
    assert placed["errors"] == []
    assert placed["order"]["total"]["gross"]["amount"] == 212.9
    assert order.user_id == customer.pk
    assert order.total_amount == Decimal("212.90")
    assert sorted(
        (s["producer"]["id"], s["total"]["amount"]) for s in placed["order"]["subOrders"]
    ) == sorted([(gid("Producer", cooperative.pk), 147.0), (gid("Producer", household.pk), 65.9)])
    assert sorted(
        ProducerLedgerEntry.objects.filter(kind=LedgerEntryKind.SALE).values_list(
            "producer_id", "net_amount"
        )
    ) == sorted([(cooperative.pk, Decimal("147.00")), (household.pk, Decimal("65.90"))])
    assert Stock.objects.get(product_variant=oil).quantity_allocated == 2
    assert Stock.objects.get(product_variant=apples).quantity_allocated == 1
    orders = history["orders"]
    assert orders["totalCount"] == 1
    node = orders["edges"][0]["node"]
    assert (node["id"], node["isPaid"], node["paymentStatus"], node["status"]) == (
        placed["order"]["id"],
        True,
        "FULLY_CHARGED",
        "UNFULFILLED",
    )
    assert {s["status"] for s in node["subOrders"]} == {"UNFULFILLED"}
    assert history["checkouts"]["totalCount"] == 0
