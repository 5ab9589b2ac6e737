"""A whole purchase through the storefront pages, what the buyer sees afterwards, who may see an
order page, and the card payment page (Stripe behind a local HTTP double)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.test import Client, override_settings
from pytest_httpserver import HTTPServer

from backend.accounts.models import User
from backend.checkout.models import Checkout
from backend.orders.models import Order, OrderStatus
from backend.payments.models import Payment, PaymentState
from backend.warehouse.models import Reservation, Stock
from storefront.cart_session import CHECKOUT_KEY, ITEM_COUNT_KEY
from storefront.tests.checkout_scenarios import (
    add_to_cart,
    fill_checkout,
    make_two_producer_shop,
    text_of,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a long secret phrase"


@pytest.fixture
def shop(channel):  # type: ignore[no-untyped-def]
    return make_two_producer_shop(channel)


def buy(client: Client, shop, *, gateway: str = "offline.bank_transfer") -> Order:  # type: ignore[no-untyped-def]
    add_to_cart(client, shop.oil, 2)
    add_to_cart(client, shop.apples, 1)
    fill_checkout(client, gateway=gateway)
    response = client.post("/en/checkout/review/")
    assert response.status_code == 302, response.content.decode()[:500]
    return Order.objects.get()


def signed_in(email: str) -> tuple[Client, User]:
    user = User.objects.create_user(email, PASSWORD)
    client = Client()
    client.force_login(user)
    return client, user


def test_purchase_across_two_producers_makes_one_order_of_two_sub_orders(client, shop):
    # when
    order = buy(client, shop)

    # then
    assert (order.subtotal_amount, order.shipping_amount, order.total_amount) == (
        Decimal("175.90"),
        Decimal("37.00"),
        Decimal("212.90"),
    )
    assert order.email == "buyer@example.test"
    assert order.recipient_name == "张小花"
    assert (order.province_name, order.city_name, order.county_name) == (
        "甘肃省",
        "定西市",
        "渭源县",
    )
    sub_orders = {s.producer_id: s for s in order.sub_orders.all()}
    assert set(sub_orders) == {shop.cooperative.pk, shop.household.pk}
    assert sub_orders[shop.cooperative.pk].total_amount == Decimal("147.00")
    assert sub_orders[shop.household.pk].total_amount == Decimal("65.90")
    assert sub_orders[shop.household.pk].needs_cold_chain
    assert Stock.objects.get(product_variant=shop.oil).quantity_allocated == 2
    assert Stock.objects.get(product_variant=shop.apples).quantity_allocated == 1
    assert not Reservation.objects.exists()
    assert not Checkout.objects.exists()
    payment = Payment.objects.get(order=order)
    assert (payment.gateway, payment.state) == ("offline.bank_transfer", PaymentState.PENDING)


def test_purchase_stock_left_for_others_goes_down(client, shop):
    # when
    buy(client, shop)

    # then: 5 apples, 1 sold
    product = Client().get("/en/product/aksu-apples/").content.decode()
    assert "Only 4 left" in product


def test_purchase_goes_to_confirmation_with_number_and_bank_transfer_instructions(client, shop):
    # when
    order = buy(client, shop)
    response = client.get(f"/en/checkout/confirmation/{order.token}/")

    # then
    html = response.content.decode()
    text = text_of(html)
    assert response.status_code == 200
    assert f"Order placed Your order number is {order.pk}" in text
    assert "We have sent a confirmation to buyer@example.test." in text
    assert "Pay by bank transfer" in text
    assert "Transfer ¥212.90 to this account." in text
    assert f"Reference Order {order.pk}" in text
    assert "If the money has not arrived by" in text
    assert f'href="/en/account/orders/{order.token}/"' in html
    assert "Keep this link." in text
    assert "Parcel from 田阳山茶油合作社" in text
    assert "Total ¥212.90" in text


def test_purchase_forgets_the_cart_so_the_header_shows_it_empty(client, shop):
    # when
    buy(client, shop)

    # then
    assert CHECKOUT_KEY not in client.session
    assert ITEM_COUNT_KEY not in client.session
    assert "Your cart is empty." in client.get("/en/cart/").content.decode()


def test_purchase_placed_twice_makes_one_order(client, shop):
    # given
    buy(client, shop)

    # when: the button pressed again (the first request already went through)
    response = client.post("/en/checkout/review/")

    # then
    assert response["Location"] == "/en/cart/"
    assert Order.objects.count() == 1


def test_purchase_cash_on_delivery_says_pay_the_courier(client, shop):
    # when
    order = buy(client, shop, gateway="offline.cash_on_delivery")

    # then
    text = text_of(client.get(f"/en/checkout/confirmation/{order.token}/").content.decode())
    assert "Pay ¥212.90 to the courier when your parcels arrive." in text
    assert "Pay by bank transfer" not in text


def test_place_order_after_stock_ran_out_keeps_the_cart_and_says_what_to_do(client, shop):
    # given
    add_to_cart(client, shop.apples, 3)
    fill_checkout(client)
    Reservation.objects.all().delete()
    Stock.objects.filter(product_variant=shop.apples).update(quantity=1)

    # when
    response = client.post("/en/checkout/review/")

    # then
    html = response.content.decode()
    text = text_of(html)
    assert response.status_code == 200
    assert "Your order was not placed" in text
    assert "Nothing was charged." in text
    assert "Not enough in stock for this quantity." in text
    assert "data-error-summary" in html
    assert not Order.objects.exists()
    assert Checkout.objects.filter(pk=client.session[CHECKOUT_KEY]).exists()


def test_place_order_without_payment_choice_is_refused_with_a_link(client, shop):
    # given
    add_to_cart(client, shop.oil, 1)
    fill_checkout(client)
    session = client.session
    del session["checkout_gateway"]
    session.save()

    # when
    response = client.post("/en/checkout/review/")

    # then
    assert 'href="/en/checkout/payment/">Choose how to pay.</a>' in response.content.decode()
    assert not Order.objects.exists()


def test_signed_in_purchase_belongs_to_the_account(shop):
    # given
    client, user = signed_in("mei@example.test")

    # when
    order = buy(client, shop)

    # then
    assert order.user_id == user.pk
    html = client.get("/en/account/orders/").content.decode()
    assert f'href="/en/account/orders/{order.token}/"' in html


# --- Who may see an order page ------------------------------------------------------------


@pytest.mark.parametrize("page", ["checkout/confirmation", "account/orders"])
def test_order_pages_of_another_buyers_account_are_not_found(shop, page):
    # given
    owner, _user = signed_in("owner@example.test")
    order = buy(owner, shop)
    other, _other_user = signed_in("other@example.test")

    # when
    response = other.get(f"/en/{page}/{order.token}/")
    mine = owner.get(f"/en/{page}/{order.token}/")

    # then
    assert response.status_code == 404
    assert mine.status_code == 200


@pytest.mark.parametrize("page", ["checkout/confirmation", "account/orders"])
def test_order_pages_of_an_account_ask_a_stranger_to_sign_in(shop, page):
    # given
    owner, _user = signed_in("owner@example.test")
    order = buy(owner, shop)

    # when
    response = Client().get(f"/en/{page}/{order.token}/")

    # then
    assert response.status_code == 302
    assert response["Location"] == (
        f"/en/account/login/?next=%2Fen%2F{page.replace('/', '%2F')}%2F{order.token}%2F"
    )


@pytest.mark.parametrize("token", [str(uuid.uuid4()), "not-a-token"])
def test_order_page_of_an_unknown_token_is_not_found(client, db, token):
    # when
    response = client.get(f"/en/account/orders/{token}/")

    # then
    assert response.status_code == 404


def test_order_page_by_link_in_another_browser_hides_the_address_detail(client, shop):
    # given: a guest order, opened elsewhere from the link
    order = buy(client, shop)
    elsewhere = Client()

    # when
    html = elsewhere.get(f"/en/account/orders/{order.token}/").content.decode()
    own = client.get(f"/en/account/orders/{order.token}/").content.decode()

    # then
    assert "张**" in html
    assert "139 **** 5678" in html
    assert "幸福路" not in html
    assert "buyer@example.test" not in html
    assert "Part of the address is hidden" in html
    assert "张小花" in own
    assert "幸福路 8 号 3 单元 501" in own
    assert "139 1234 5678" in own


def test_order_page_shows_status_in_buyers_words_and_tracking(client, shop):
    # given
    from backend.orders.fulfilment import fulfil_sub_order
    from backend.payments.offline import confirm_offline_payment

    order = buy(client, shop)
    confirm_offline_payment(order, actor=None)
    sub_order = order.sub_orders.get(producer=shop.household)
    fulfil_sub_order(sub_order, actor=None, carrier="顺丰冷运", tracking_number="SF1234567890")

    # when
    text = text_of(client.get(f"/en/account/orders/{order.token}/").content.decode())

    # then
    assert f"Order {order.pk}" in text
    assert "Status Partly sent" in text
    assert "Payment Bank transfer: Paid" in text
    assert "Payment received" in text
    assert "with 顺丰冷运. Tracking number: SF1234567890" in text
    assert "Status: Being prepared" in text
    assert "Not sent yet." in text
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_FULFILLED


def test_order_page_in_chinese_is_served(client, shop):
    # when
    order = buy(client, shop)
    response = client.get(f"/account/orders/{order.token}/")

    # then
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in response.content.decode()


# --- Stripe: the one page that needs JavaScript -------------------------------------------

INTENT = {
    "id": "pi_3StorefrontTest01",
    "object": "payment_intent",
    "amount": 21290,
    "currency": "cny",
    "status": "requires_payment_method",
    "client_secret": "pi_3StorefrontTest01_secret_abc",
    "livemode": False,
}


@pytest.fixture
def stripe_api(httpserver: HTTPServer):  # type: ignore[no-untyped-def]
    with override_settings(
        STRIPE_SECRET_KEY="sk_test_storefront",
        STRIPE_PUBLISHABLE_KEY="pk_test_storefront",
        STRIPE_API_BASE=httpserver.url_for("").rstrip("/"),
    ):
        yield httpserver


def test_stripe_purchase_goes_to_the_payment_element_page(client, shop, stripe_api):
    # given
    stripe_api.expect_oneshot_request("/v1/payment_intents", method="POST").respond_with_json(
        INTENT
    )

    # when
    order = buy(client, shop, gateway="stripe")
    pay = client.get(f"/en/checkout/pay/{order.token}/")

    # then
    html = pay.content.decode()
    assert pay.status_code == 200
    assert "Paying by card, Alipay or WeChat Pay needs JavaScript." in html
    assert 'data-client-secret="pi_3StorefrontTest01_secret_abc"' in html
    assert 'data-publishable-key="pk_test_storefront"' in html
    assert f"/en/checkout/confirmation/{order.token}/?paid=stripe" in html
    assert '<script src="https://js.stripe.com/v3/" defer></script>' in html
    assert "<noscript>" in html
    assert "<script>" not in html
    assert Payment.objects.get().psp_reference == INTENT["id"]
    stripe_api.check_assertions()


def test_stripe_payment_page_when_stripe_is_unreachable_says_try_again(client, shop, stripe_api):
    # given
    stripe_api.expect_request("/v1/payment_intents", method="POST").respond_with_data(
        "unavailable", status=503
    )
    order = buy(client, shop, gateway="stripe")

    # when
    response = client.get(f"/en/checkout/pay/{order.token}/")

    # then
    assert response.status_code == 503
    assert "We cannot reach the payment service just now." in response.content.decode()


def test_stripe_payment_page_of_a_paid_order_goes_to_the_confirmation(client, shop):
    # given
    order = buy(client, shop)

    # when: not a Stripe order, so there is nothing to pay here
    with override_settings(STRIPE_SECRET_KEY="sk_test_storefront"):
        response = client.get(f"/en/checkout/pay/{order.token}/")

    # then
    assert response["Location"] == f"/en/checkout/confirmation/{order.token}/"
