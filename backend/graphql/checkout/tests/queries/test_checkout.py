from __future__ import annotations

from backend.catalog.models import ProductChannelListing
from backend.checkout.tests.factories import ShippingMethodFactory, ShippingRateFactory
from backend.checkout.tests.scenarios import new_producer, new_user
from backend.graphql.account.tokens import ACCESS, create_token
from backend.graphql.checkout.tests.api_checkouts import create, ready
from backend.graphql.checkout.tests.fixtures import gid, payload
from backend.warehouse.models import Stock

CHECKOUT = """
query Checkout($id: ID) {
  checkout(id: $id) {
    id
    lines {
      id quantity
      variant { id }
      problems {
        __typename
        ... on CheckoutLineProblemInsufficientStock { availableQuantity }
      }
    }
    problems {
      __typename
      ... on CheckoutLineProblemInsufficientStock {
        availableQuantity line { id } variant { id }
      }
      ... on CheckoutLineProblemVariantNotAvailable { line { id } }
    }
    shippingMethods { id name active price { amount currency } }
    availableShippingMethods { id }
    availablePaymentGateways { id name currencies }
    parcels {
      producer { id }
      subtotalPrice { amount } shippingPrice { amount } totalPrice { amount }
      weight { unit value } needsColdChain
      lines { id }
    }
    totalPrice { gross { amount } }
  }
}
"""


def read(api, checkout_id, token=None):  # type: ignore[no-untyped-def]
    return payload(api(CHECKOUT, {"id": checkout_id}, token=token), "checkout")


def test_checkout_query_parcels_methods_and_gateways(api, channel, variant_maker, courier):
    # given: two producers, one of them selling fresh goods; a method without cold chain
    farm, orchard = new_producer(), new_producer()
    oil = variant_maker(producer=farm, price="68.00", weight_grams=1000)
    apples = variant_maker(producer=orchard, price="39.90", weight_grams=2500, fresh=True)
    plain = ShippingMethodFactory(supports_cold_chain=False, name="普通快递")
    ShippingRateFactory(method=plain)
    checkout_id = ready(api, [(oil, 2), (apples, 1)], courier)

    # when
    checkout = read(api, checkout_id)

    # then
    assert checkout["problems"] == []
    assert [(p["producer"]["id"], p["totalPrice"]["amount"]) for p in checkout["parcels"]] == [
        (gid("Producer", farm.pk), 147.0),  # 136.00 + 8 + 1 × 3
        (gid("Producer", orchard.pk), 65.9),  # 39.90 + 8 + 2 × 3 + 12 cold chain
    ]
    assert checkout["parcels"][1]["needsColdChain"] is True
    assert checkout["totalPrice"]["gross"]["amount"] == 212.9
    methods = {m["id"]: (m["active"], m["price"]["amount"]) for m in checkout["shippingMethods"]}
    assert methods[gid("ShippingMethod", courier.pk)] == (True, 37.0)
    assert methods[gid("ShippingMethod", plain.pk)] == (False, 11.0)  # the oil parcel only
    available = {m["id"] for m in checkout["availableShippingMethods"]}
    assert gid("ShippingMethod", courier.pk) in available
    assert gid("ShippingMethod", plain.pk) not in available
    assert {g["id"] for g in checkout["availablePaymentGateways"]} == {
        "offline.bank_transfer",
        "offline.cash_on_delivery",
    }


def test_checkout_query_short_stock_reported_as_problem(api, channel, variant, variant_maker):
    # given
    gone = variant_maker()
    checkout = create(api, [(variant, 4), (gone, 1)])["checkout"]
    Stock.objects.filter(product_variant=variant).update(quantity=3)
    ProductChannelListing.objects.filter(product=gone.product).update(is_published=False)

    # when
    found = read(api, checkout["id"])

    # then
    short_line, gone_line = checkout["lines"][0]["id"], checkout["lines"][1]["id"]
    assert found["problems"] == [
        {
            "__typename": "CheckoutLineProblemInsufficientStock",
            "availableQuantity": 3,
            "line": {"id": short_line},
            "variant": {"id": gid("ProductVariant", variant.pk)},
        },
        {"__typename": "CheckoutLineProblemVariantNotAvailable", "line": {"id": gone_line}},
    ]
    assert found["lines"][0]["problems"] == [
        {"__typename": "CheckoutLineProblemInsufficientStock", "availableQuantity": 3}
    ]


def test_checkout_query_users_checkout_only_for_that_user(api, channel, variant, customer_token):
    # given
    checkout_id = create(api, [(variant, 1)], email=None, token=customer_token)["checkout"]["id"]
    stranger = create_token(new_user(email="stranger@example.test"), ACCESS)

    # when
    mine = read(api, checkout_id, token=customer_token)
    anonymous = read(api, checkout_id)
    theirs = read(api, checkout_id, token=stranger)

    # then
    assert mine["id"] == checkout_id
    assert anonymous is None
    assert theirs is None


def test_checkout_query_malformed_id_top_level_error(api, channel):
    # when
    response = api(CHECKOUT, {"id": "not-a-checkout"})

    # then
    assert response.data == {"checkout": None}
    assert [e["path"] for e in response.errors] == [["checkout"]]
