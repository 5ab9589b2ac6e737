"""A buyer's sign-in (the cart is kept), sign-out and order history."""

from __future__ import annotations

from typing import cast

import pytest
from django.test import Client

from backend.accounts.models import User
from backend.checkout.lines import LineInput, create_checkout
from backend.checkout.models import Checkout, CheckoutLine
from backend.orders.complete_checkout import complete_checkout
from backend.orders.models import Order
from storefront.cart_session import CHECKOUT_KEY
from storefront.tests.checkout_scenarios import (
    add_to_cart,
    fill_checkout,
    listed,
    make_two_producer_shop,
    session_checkout,
    text_of,
)
from storefront.tests.scenarios import new_producer

pytestmark = pytest.mark.django_db

PASSWORD = "a long secret phrase"


@pytest.fixture
def buyer(db) -> User:  # type: ignore[no-untyped-def]
    return User.objects.create_user("mei@example.test", PASSWORD, mobile="13912345678")


@pytest.fixture
def shop(channel):  # type: ignore[no-untyped-def]
    return make_two_producer_shop(channel)


def test_sign_in_page_has_labelled_fields(client, db):
    # when
    html = client.get("/en/account/login/").content.decode()

    # then
    assert "<h1>Sign in</h1>" in html
    assert '<label class="label" for="id_login">Mobile number or email address</label>' in html
    assert 'autocomplete="current-password"' in html
    assert "novalidate" in html


def test_sign_in_page_in_chinese_uses_existing_translations(client, db):
    # when
    html = client.get("/account/login/").content.decode()

    # then
    assert "<h1>登录</h1>" in html
    assert "手机号码或电子邮箱" in html


@pytest.mark.parametrize(
    ("data", "target", "message"),
    [
        ({}, "id_login", "Enter your mobile number or email address."),
        ({"login": "mei@example.test"}, "id_password", "Enter your password."),
        (
            {"login": "mei@example.test", "password": "wrong"},
            "id_login",
            "The mobile number, email address or password is not right. Check them and try again.",
        ),
    ],
)
def test_sign_in_mistake_shows_error_summary_and_keeps_the_login(
    client, buyer, data, target, message
):
    # when
    response = client.post("/en/account/login/", data)

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in html
    assert f'<a href="#{target}">{message}</a>' in html
    if "login" in data:
        assert 'value="mei@example.test"' in html
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("login", ["mei@example.test", "139 1234 5678"])
def test_sign_in_with_email_or_mobile_goes_to_orders(client, buyer, login):
    # when
    response = client.post(
        "/en/account/login/", {"login": login.replace(" ", ""), "password": PASSWORD}
    )

    # then
    assert response.status_code == 302
    assert response["Location"] == "/en/account/orders/"
    assert int(client.session["_auth_user_id"]) == buyer.pk


@pytest.mark.parametrize(
    ("next_url", "target"),
    [("/en/checkout/contact/", "/en/checkout/contact/"), ("https://evil.example/", None)],
)
def test_sign_in_returns_to_a_local_page_only(client, buyer, next_url, target):
    # when
    response = client.post(
        f"/en/account/login/?next={next_url}",
        {"login": "mei@example.test", "password": PASSWORD, "next": next_url},
    )

    # then
    assert response["Location"] == (target or "/en/account/orders/")


def test_sign_in_keeps_the_cart_and_adds_the_accounts_earlier_cart(client, channel, buyer, shop):
    # given: an earlier cart of the account, and a new one started before signing in
    earlier = create_checkout(
        channel=channel, actor=buyer, user=buyer, lines=[LineInput(shop.apples.pk, 1)]
    )
    add_to_cart(client, shop.oil, 2)
    anonymous = session_checkout(client)

    # when
    client.post("/en/account/login/", {"login": "mei@example.test", "password": PASSWORD})

    # then
    kept = Checkout.objects.get(pk=anonymous.pk)
    assert kept.user_id == buyer.pk
    assert kept.email == "mei@example.test"
    assert not Checkout.objects.filter(pk=earlier.pk).exists()
    assert sorted(
        CheckoutLine.objects.filter(checkout=kept).values_list("variant_id", "quantity")
    ) == (sorted([(shop.oil.pk, 2), (shop.apples.pk, 1)]))
    assert client.session[CHECKOUT_KEY] == str(kept.pk)
    assert "Items ¥175.90" in text_of(client.get("/en/cart/").content.decode())


def test_signed_in_buyer_finds_their_cart_from_another_browser(channel, buyer, shop):
    # given
    create_checkout(channel=channel, actor=buyer, user=buyer, lines=[LineInput(shop.oil.pk, 3)])
    client = Client()
    client.force_login(buyer)

    # when
    text = text_of(client.get("/en/cart/").content.decode())

    # then
    assert "Items from 田阳山茶油合作社 ¥204.00" in text


def test_a_cart_of_another_account_is_never_shown(channel, buyer, shop):
    # given: this browser's session points at someone else's cart
    other = User.objects.create_user("other@example.test", PASSWORD)
    theirs = create_checkout(
        channel=channel, actor=other, user=other, lines=[LineInput(shop.oil.pk, 1)]
    )
    client = Client()
    client.force_login(buyer)
    session = client.session
    session[CHECKOUT_KEY] = str(theirs.pk)
    session.save()

    # when
    html = client.get("/en/cart/").content.decode()

    # then
    assert "Your cart is empty." in html


def test_sign_out_ends_the_session_and_goes_home(client, buyer):
    # given
    client.force_login(buyer)

    # when
    response = client.post("/en/account/logout/")

    # then
    assert response["Location"] == "/en/"
    assert "_auth_user_id" not in client.session


def test_header_shows_sign_in_or_the_accounts_links(client, buyer):
    # when
    anonymous = client.get("/en/").content.decode()
    client.force_login(buyer)
    signed_in = client.get("/en/").content.decode()

    # then
    assert 'href="/en/account/login/">Sign in</a>' in anonymous
    assert 'href="/en/account/orders/">Your orders</a>' in signed_in
    assert 'action="/en/account/logout/"' in signed_in


def test_orders_page_asks_a_stranger_to_sign_in(client, db):
    # when
    response = client.get("/en/account/orders/")

    # then
    assert response["Location"] == "/en/account/login/?next=%2Fen%2Faccount%2Forders%2F"


def test_orders_page_empty_says_so(client, buyer):
    # given
    client.force_login(buyer)

    # when
    html = client.get("/en/account/orders/").content.decode()

    # then
    assert "You have not placed any orders yet." in html


def place_order(user: User, channel, variant, method) -> Order:  # type: ignore[no-untyped-def]
    from backend.checkout.details import (
        update_checkout_delivery_method,
        update_checkout_shipping_address,
    )
    from backend.checkout.tests.factories import shipping_address

    checkout = create_checkout(
        channel=channel, actor=user, user=user, lines=[LineInput(variant.pk, 1)]
    )
    update_checkout_shipping_address(checkout, **shipping_address(), actor=user)
    update_checkout_delivery_method(checkout, method.pk, actor=user)
    return complete_checkout(checkout, actor=user, gateway="offline.bank_transfer")


def test_orders_page_lists_only_this_accounts_orders_newest_first(client, channel, buyer, shop):
    # given
    other = User.objects.create_user("other@example.test", PASSWORD)
    first = place_order(buyer, channel, shop.oil, shop.courier)
    second = place_order(buyer, channel, shop.apples, shop.courier)
    theirs = place_order(other, channel, shop.oil, shop.courier)
    client.force_login(buyer)

    # when
    html = client.get("/en/account/orders/").content.decode()
    text = text_of(html)

    # then
    assert html.index(f"Order {second.pk}") < html.index(f"Order {first.pk}")
    assert f"Order {theirs.pk}<" not in html
    assert "1 item · ¥76.00" in text  # 68.00 + 8.00
    assert "Status: Waiting for confirmation" in text
    assert "From: 阿克苏果园小院" in text


@pytest.mark.parametrize("size", [1, 6])
def test_orders_page_query_count_is_the_same_for_1_and_6_orders(
    client, channel, buyer, django_assert_num_queries, size
):
    # given
    shop = make_two_producer_shop(channel)
    for i in range(size):
        variant = listed(
            channel, producer=new_producer(), name=f"商品{i}", slug=f"o-{i}", price="10.00"
        )
        place_order(buyer, channel, variant, shop.courier)
    client.force_login(buyer)

    # when / then: session, user, count, page, sub-orders with producer names, lines,
    # categories
    with django_assert_num_queries(7):
        response = client.get("/en/account/orders/")
    assert response.content.decode().count('class="order-list__item"') == size


def test_guest_checkout_then_sign_in_finds_the_cart_at_review(client, buyer, shop):
    # given: a guest who filled in everything, then signs in from the contact step's link
    add_to_cart(client, shop.oil, 1)
    fill_checkout(client)

    # when
    client.post(
        "/en/account/login/?next=/en/checkout/review/",
        {"login": "mei@example.test", "password": PASSWORD, "next": "/en/checkout/review/"},
    )
    html = client.get("/en/checkout/review/").content.decode()

    # then
    assert ">Place order</button>" in html
    assert cast(Checkout, session_checkout(client)).user_id == buyer.pk


def test_order_pages_never_select_or_show_identity_numbers(client, channel, buyer, shop):
    # given
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from backend.producers.tests.factories import make_certificate

    shop.household.poor_household_number = "PH-621123-000042"
    shop.household.disability_certificate_number = make_certificate(7)
    shop.household.save(update_fields=["poor_household_number", "disability_certificate_number"])
    order = place_order(buyer, channel, shop.apples, shop.courier)
    client.force_login(buyer)

    # when
    with CaptureQueriesContext(connection) as captured:
        pages = [
            client.get("/en/account/orders/").content.decode(),
            client.get(f"/en/account/orders/{order.token}/").content.decode(),
            client.get(f"/en/checkout/confirmation/{order.token}/").content.decode(),
        ]

    # then
    sql = "\n".join(query["sql"] for query in captured.captured_queries)
    for column in ("disability_certificate_number", "poor_household_number"):
        assert column not in sql
    for page in pages:
        assert "阿克苏果园小院" in page
        assert "PH-621123-000042" not in page
        assert make_certificate(7) not in page
