from __future__ import annotations

from backend.checkout.tests.factories import ShippingMethodFactory, ShippingRateFactory
from backend.graphql.checkout.tests.api_checkouts import create
from backend.graphql.checkout.tests.fixtures import ADDRESS, codes, gid, payload
from backend.graphql.checkout.tests.operations import ADDRESS_UPDATE, DELIVERY_UPDATE


def choose(api, checkout_id, method_id):  # type: ignore[no-untyped-def]
    result = api(DELIVERY_UPDATE, {"id": checkout_id, "method": method_id})
    return payload(result, "checkoutDeliveryMethodUpdate")


def with_address(api, lines):  # type: ignore[no-untyped-def]
    checkout_id = create(api, lines)["checkout"]["id"]
    payload(
        api(ADDRESS_UPDATE, {"id": checkout_id, "address": ADDRESS}),
        "checkoutShippingAddressUpdate",
    )
    return checkout_id


def test_checkout_delivery_method_update_prices_shipping(api, channel, variant, courier):
    # given: 2 × 500 g to Beijing
    checkout_id = with_address(api, [(variant, 2)])

    # when
    result = choose(api, checkout_id, gid("ShippingMethod", courier.pk))

    # then
    assert result["errors"] == []
    checkout = result["checkout"]
    assert checkout["deliveryMethod"] == {
        "id": gid("ShippingMethod", courier.pk),
        "name": courier.name,
    }
    assert checkout["shippingPrice"]["gross"]["amount"] == 8.0
    assert checkout["totalPrice"]["gross"]["amount"] == 107.8


def test_checkout_delivery_method_update_null_clears(api, channel, variant, courier):
    # given
    checkout_id = with_address(api, [(variant, 1)])
    choose(api, checkout_id, gid("ShippingMethod", courier.pk))

    # when
    result = choose(api, checkout_id, None)

    # then
    assert result["errors"] == []
    assert result["checkout"]["deliveryMethod"] is None
    assert result["checkout"]["shippingPrice"]["gross"]["amount"] == 0.0


def test_checkout_delivery_method_update_unknown_method_not_found(api, channel, variant, courier):
    # given
    checkout_id = with_address(api, [(variant, 1)])

    # when
    result = choose(api, checkout_id, gid("ShippingMethod", courier.pk + 100))

    # then
    assert codes(result) == [("deliveryMethodId", "NOT_FOUND")]


def test_checkout_delivery_method_update_malformed_id_graphql_error(api, channel, variant):
    # given
    checkout_id = with_address(api, [(variant, 1)])

    # when
    result = choose(api, checkout_id, gid("Checkout", "1"))

    # then
    assert codes(result) == [("deliveryMethodId", "GRAPHQL_ERROR")]


def test_checkout_delivery_method_update_fresh_goods_without_cold_chain_not_applicable(
    api, channel, variant_maker
):
    # given: fresh goods, and a method with no cold chain
    apples = variant_maker(fresh=True)
    plain = ShippingMethodFactory(supports_cold_chain=False)
    ShippingRateFactory(method=plain)
    checkout_id = with_address(api, [(apples, 1)])

    # when
    result = choose(api, checkout_id, gid("ShippingMethod", plain.pk))

    # then
    assert codes(result) == [("deliveryMethodId", "DELIVERY_METHOD_NOT_APPLICABLE")]


def test_checkout_delivery_method_update_unknown_checkout_not_found(api, channel, courier):
    # when
    result = choose(
        api,
        gid("Checkout", "00000000-0000-4000-8000-000000000000"),
        gid("ShippingMethod", courier.pk),
    )

    # then
    assert codes(result) == [("id", "NOT_FOUND")]
