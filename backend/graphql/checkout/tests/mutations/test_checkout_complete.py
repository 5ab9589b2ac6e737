from __future__ import annotations

from decimal import Decimal

import pytest

from backend.catalog.models import Channel, ProductChannelListing
from backend.checkout.models import Checkout, ShippingRate
from backend.graphql.checkout.tests.api_checkouts import create, ready
from backend.graphql.checkout.tests.fixtures import ADDRESS, BANK, codes, gid, payload
from backend.graphql.checkout.tests.operations import (
    ADDRESS_UPDATE,
    COMPLETE,
    DELIVERY_UPDATE,
)
from backend.orders.models import Order
from backend.payments.models import Payment, PaymentState
from backend.warehouse.models import Stock


def complete(api, checkout_id, gateway=BANK, token=None, **extra):  # type: ignore[no-untyped-def]
    variables = {"id": checkout_id, "gateway": gateway, **extra}
    return payload(api(COMPLETE, variables, token=token), "checkoutComplete")


def test_checkout_complete_offline_gateway_places_order(api, channel, variant, courier):
    # given
    checkout_id = ready(api, [(variant, 2)], courier)

    # when
    result = complete(api, checkout_id)

    # then
    assert result["errors"] == []
    assert result["confirmationNeeded"] is False
    order = result["order"]
    assert (order["status"], order["paymentStatus"], order["isPaid"]) == (
        "UNCONFIRMED",
        "NOT_CHARGED",
        False,
    )
    assert order["total"]["gross"] == {"amount": 107.8, "currency": "CNY"}
    assert order["userEmail"] == "buyer@example.test"  # the buyer placing it sees it whole
    assert order["shippingAddress"]["phone"] == "+8613912345678"
    placed = Order.objects.get(pk=int(order["number"]))
    assert order["id"] == gid("Order", placed.token)
    assert Payment.objects.get(order=placed).state == PaymentState.PENDING
    assert not Checkout.objects.exists()


def test_checkout_complete_gateway_in_payment_data_accepted(api, channel, variant, courier):
    # given
    checkout_id = ready(api, [(variant, 1)], courier)

    # when
    result = complete(
        api, checkout_id, gateway=None, paymentData='{"gateway": "offline.cash_on_delivery"}'
    )

    # then
    assert result["errors"] == []
    assert Payment.objects.get().gateway == "offline.cash_on_delivery"


def test_checkout_complete_twice_returns_the_same_order(api, channel, variant, courier):
    # given
    checkout_id = ready(api, [(variant, 1)], courier)
    first = complete(api, checkout_id)

    # when
    second = complete(api, checkout_id)

    # then
    assert second["errors"] == []
    assert second["order"]["id"] == first["order"]["id"]
    assert Order.objects.count() == 1


def test_checkout_complete_no_gateway_required(api, channel, variant, courier):
    # given
    checkout_id = ready(api, [(variant, 1)], courier)

    # when
    result = complete(api, checkout_id, gateway=None)

    # then
    assert codes(result) == [("paymentGateway", "REQUIRED")]


@pytest.mark.parametrize("gateway", ["offline.barter", "stripe"])
def test_checkout_complete_unavailable_gateway_payment_error(
    api, channel, variant, courier, settings, gateway
):
    # given: Stripe without keys is not available either
    settings.STRIPE_SECRET_KEY = ""
    checkout_id = ready(api, [(variant, 1)], courier)

    # when
    result = complete(api, checkout_id, gateway=gateway)

    # then
    assert codes(result) == [("paymentGateway", "PAYMENT_ERROR")]
    assert Checkout.objects.exists()


def test_checkout_complete_missing_details_each_reported(api, channel, variant):
    # given: lines only
    checkout_id = create(api, [(variant, 1)], email=None)["checkout"]["id"]

    # when
    result = complete(api, checkout_id)

    # then
    assert sorted(codes(result)) == [
        ("email", "EMAIL_NOT_SET"),
        ("shippingAddress", "SHIPPING_ADDRESS_NOT_SET"),
        ("shippingMethod", "SHIPPING_METHOD_NOT_SET"),
    ]
    assert Order.objects.count() == 0


def test_checkout_complete_empty_checkout_no_lines(api, channel, courier):
    # given
    checkout_id = create(api, [])["checkout"]["id"]
    payload(
        api(ADDRESS_UPDATE, {"id": checkout_id, "address": ADDRESS}),
        "checkoutShippingAddressUpdate",
    )
    payload(
        api(DELIVERY_UPDATE, {"id": checkout_id, "method": gid("ShippingMethod", courier.pk)}),
        "checkoutDeliveryMethodUpdate",
    )

    # when
    result = complete(api, checkout_id)

    # then
    assert codes(result) == [("lines", "NO_LINES")]


def test_checkout_complete_stock_gone_insufficient_stock(api, channel, variant, courier):
    # given: the stock was counted down since the cart was filled
    checkout_id = ready(api, [(variant, 3)], courier)
    Stock.objects.filter(product_variant=variant).update(quantity=2)

    # when
    result = complete(api, checkout_id)

    # then
    assert codes(result) == [("lines", "INSUFFICIENT_STOCK")]
    assert result["errors"][0]["variants"] == [gid("ProductVariant", variant.pk)]
    assert Order.objects.count() == 0


def test_checkout_complete_unpublished_since_not_published(api, channel, variant, courier):
    # given
    checkout_id = ready(api, [(variant, 1)], courier)
    ProductChannelListing.objects.filter(product=variant.product).update(is_published=False)

    # when
    result = complete(api, checkout_id)

    # then
    assert codes(result) == [("lines", "PRODUCT_NOT_PUBLISHED")]
    assert result["errors"][0]["variants"] == [gid("ProductVariant", variant.pk)]


def test_checkout_complete_method_lost_its_rates_not_applicable(api, channel, variant, courier):
    # given
    checkout_id = ready(api, [(variant, 1)], courier)
    ShippingRate.objects.filter(method=courier).delete()

    # when
    result = complete(api, checkout_id)

    # then
    assert codes(result) == [("shippingMethod", "SHIPPING_METHOD_NOT_APPLICABLE")]


def test_checkout_complete_closed_channel_refused(api, channel, variant, courier):
    # given
    checkout_id = ready(api, [(variant, 1)], courier)
    Channel.objects.filter(pk=channel.pk).update(is_active=False)

    # when
    result = complete(api, checkout_id)

    # then
    assert codes(result) == [("channel", "CHANNEL_INACTIVE")]


def test_checkout_complete_unknown_checkout_not_found(api, channel):
    # when
    result = complete(api, gid("Checkout", "00000000-0000-4000-8000-000000000000"))

    # then
    assert codes(result) == [("id", "NOT_FOUND")]


def test_checkout_complete_users_order_not_returned_to_someone_else(
    api, channel, variant, courier, customer_token
):
    # given: the customer completed their checkout
    checkout_id = ready(api, [(variant, 1)], courier, token=customer_token)
    assert complete(api, checkout_id, token=customer_token)["errors"] == []

    # when: someone else replays the completion
    result = complete(api, checkout_id)

    # then
    assert codes(result) == [("id", "NOT_FOUND")]
    assert result["order"] is None


def test_checkout_complete_signed_in_order_belongs_to_customer(
    api, channel, variant, courier, customer, customer_token
):
    # given
    checkout_id = ready(api, [(variant, 1)], courier, token=customer_token)

    # when
    result = complete(api, checkout_id, token=customer_token)

    # then
    assert result["errors"] == []
    assert Order.objects.get().user_id == customer.pk
    assert Order.objects.get().total_amount == Decimal("57.90")


def test_checkout_complete_stripe_order_placed_payment_still_to_make(
    api, channel, variant, courier, settings
):
    # given: Stripe configured (no call is made while placing the order)
    settings.STRIPE_SECRET_KEY = "sk_test_placeholder"
    checkout_id = ready(api, [(variant, 1)], courier)

    # when
    result = complete(api, checkout_id, gateway="stripe")

    # then
    assert result["errors"] == []
    assert result["confirmationNeeded"] is True
    assert Payment.objects.get().gateway == "stripe"
