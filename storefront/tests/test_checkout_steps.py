"""Each checkout step: what it shows, what it saves, each error path (answers kept, GOV.UK error
summary with links to the fields), CSRF on every form, and the review page's query count."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from backend.accounts.models import User
from backend.checkout.models import ShippingMethod
from backend.orders.models import Order
from storefront.cart_session import GATEWAY_KEY
from storefront.tests.checkout_scenarios import (
    WEIYUAN,
    add_to_cart,
    county,
    fill_checkout,
    listed,
    make_two_producer_shop,
    session_checkout,
    text_of,
)
from storefront.tests.scenarios import new_producer

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(channel):  # type: ignore[no-untyped-def]
    return make_two_producer_shop(channel, pickup=True)


@pytest.fixture
def cart(client, shop):  # type: ignore[no-untyped-def]
    add_to_cart(client, shop.oil, 2)
    add_to_cart(client, shop.apples, 1)
    return client


def address_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "recipient_name": "张小花",
        "mobile": "139 1234 5678",
        "county": county().pk,
        "address_detail": "幸福路 8 号 3 单元 501",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "path",
    [
        "/en/checkout/",
        "/en/checkout/contact/",
        "/en/checkout/province/",
        "/en/checkout/address/",
        "/en/checkout/delivery/",
        "/en/checkout/payment/",
        "/en/checkout/review/",
    ],
)
def test_checkout_step_without_a_cart_goes_back_to_the_cart(client, db, path):
    # when
    response = client.get(path)

    # then
    assert response.status_code == 302
    assert response["Location"] == "/en/cart/"


def test_checkout_start_goes_to_the_contact_step(cart):
    # when
    response = cart.get("/en/checkout/")

    # then
    assert response["Location"] == "/en/checkout/contact/"


# --- Contact -----------------------------------------------------------------------------


def test_contact_step_shows_one_question_without_shop_navigation(cart):
    # when
    html = cart.get("/en/checkout/contact/").content.decode()

    # then
    assert "<title>Your email address – Checkout – Sunshine Market</title>" in html
    assert html.count("<h1") == 1
    assert 'class="category-nav"' not in html
    assert 'href="/en/cart/">Back</a>' in html
    assert 'autocomplete="email"' in html
    assert 'aria-describedby="id_email_helptext"' in html
    assert "sign in</a> to keep your orders together" in html


def test_contact_step_signed_in_buyer_finds_their_email_filled_in(client, shop):
    # given
    user = User.objects.create_user("mei@example.test", "a long secret phrase")
    client.force_login(user)
    add_to_cart(client, shop.oil, 1)

    # when
    html = client.get("/en/checkout/contact/").content.decode()

    # then
    assert 'value="mei@example.test"' in html


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter your email address."),
        ("not-an-address", "Enter an email address in the correct format, like name@example.com."),
    ],
)
def test_contact_step_bad_email_shows_error_summary_and_keeps_the_answer(cart, email, message):
    # when
    response = cart.post("/en/checkout/contact/", {"email": email})

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Your email address – Checkout" in html
    assert "data-error-summary" in html
    assert f'<a href="#id_email">{message}</a>' in html
    assert f'id="id_email_error"><span class="visually-hidden">Error: </span>{message}' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    if email:
        assert f'value="{email}"' in html
    assert session_checkout(cart).email == ""


def test_contact_step_saves_the_email_and_goes_on(cart):
    # when
    response = cart.post("/en/checkout/contact/", {"email": " buyer@example.test "})

    # then
    assert response["Location"] == "/en/checkout/address/"
    assert session_checkout(cart).email == "buyer@example.test"


def test_contact_step_changed_from_review_goes_back_to_review(cart):
    # when
    response = cart.post("/en/checkout/contact/?return=review", {"email": "b@example.test"})

    # then
    assert response["Location"] == "/en/checkout/review/"


# --- Province and address ----------------------------------------------------------------


def test_address_step_without_a_province_asks_for_the_province_first(cart):
    # when
    response = cart.get("/en/checkout/address/")

    # then
    assert response["Location"] == "/en/checkout/province/"


def test_province_step_is_a_get_form_of_provinces(cart):
    # when
    html = cart.get("/en/checkout/province/").content.decode()

    # then
    assert '<form method="get" novalidate>' in html
    assert '<option value="62">甘肃省</option>' in html
    assert '<option value="" selected>Choose a province</option>' in html


@pytest.mark.parametrize("province", ["", "99"])
def test_province_step_without_a_valid_choice_shows_error(cart, province):
    # when
    response = cart.get("/en/checkout/province/", {"province": province})

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<a href="#id_province">Choose the province, region or municipality to deliver to.</a>'
    ) in html


def test_province_step_choice_leads_to_the_address_of_that_province(cart):
    # when
    response = cart.get("/en/checkout/province/", {"province": "62", "return": "review"})

    # then
    assert response["Location"] == "/en/checkout/address/?province=62&return=review"


def test_address_step_offers_counties_grouped_by_city(cart):
    # when
    html = cart.get("/en/checkout/address/?province=62").content.decode()

    # then
    weiyuan = county()
    assert 'Province: <strong lang="zh-Hans">甘肃省</strong>' in html
    assert '<optgroup label="定西市">' in html
    assert f'<option value="{weiyuan.pk}">渭源县</option>' in html
    assert 'action="/en/checkout/address/?province=62"' in html
    assert 'autocomplete="tel-national"' in html


def test_address_step_municipality_districts_are_listed_without_a_city(cart):
    # when
    html = cart.get("/en/checkout/address/?province=11").content.decode()

    # then
    assert "<optgroup" not in html
    assert f'<option value="{county("110105").pk}">朝阳区</option>' in html


def test_address_step_empty_form_lists_every_missing_answer(cart):
    # when
    response = cart.post("/en/checkout/address/?province=62", {})

    # then
    html = response.content.decode()
    for field, message in [
        ("recipient_name", "Enter the recipient&#x27;s name."),
        ("mobile", "Enter a mobile number."),
        ("county", "Choose the county or district of the address."),
        ("address_detail", "Enter the street, building and room."),
    ]:
        assert f'<a href="#id_{field}">{message}</a>' in html


def test_address_step_wrong_mobile_and_missing_street_show_together_and_keep_answers(cart):
    # when
    response = cart.post(
        "/en/checkout/address/?province=62", address_data(mobile="12345", address_detail="")
    )

    # then
    html = response.content.decode()
    assert (
        '<a href="#id_mobile">Enter a mainland China mobile number, like 139 1234 5678.</a>'
    ) in html
    assert '<a href="#id_address_detail">Enter the street, building and room.</a>' in html
    assert 'value="张小花"' in html
    assert 'value="12345"' in html
    assert f'<option value="{county().pk}" selected>渭源县</option>' in html
    assert session_checkout(cart).recipient_name == ""


def test_address_step_county_of_another_province_is_refused(cart):
    # when
    response = cart.post(
        "/en/checkout/address/?province=62", address_data(county=county("110105").pk)
    )

    # then
    assert '<a href="#id_county">Choose the county or district of the address.</a>' in (
        response.content.decode()
    )


def test_address_step_saves_address_with_province_and_city_and_goes_on(cart):
    # when
    response = cart.post("/en/checkout/address/?province=62", address_data())

    # then
    assert response["Location"] == "/en/checkout/delivery/"
    checkout = session_checkout(cart)
    assert checkout.mobile == "+8613912345678"
    assert checkout.shipping_county is not None
    assert checkout.shipping_city is not None
    assert checkout.shipping_province is not None
    assert (
        checkout.shipping_province.name,
        checkout.shipping_city.name,
        checkout.shipping_county.code,
    ) == ("甘肃省", "定西市", WEIYUAN)


def test_address_step_shows_the_saved_address_to_change(cart):
    # given
    cart.post("/en/checkout/address/?province=62", address_data())

    # when
    html = cart.get("/en/checkout/address/").content.decode()

    # then
    assert 'value="139 1234 5678"' in html
    assert f'<option value="{county().pk}" selected>渭源县</option>' in html


# --- Delivery ----------------------------------------------------------------------------


def test_delivery_step_without_an_address_asks_for_it(cart):
    # when
    response = cart.get("/en/checkout/delivery/")

    # then
    assert response["Location"] == "/en/checkout/address/"


def test_delivery_step_prices_each_parcel_and_says_why_one_costs_more(cart, shop):
    # given
    cart.post("/en/checkout/address/?province=62", address_data())

    # when
    html = cart.get("/en/checkout/delivery/").content.decode()
    text = text_of(html)

    # then: oil 2 kg = 8 + 3; apples 2.5 kg, fresh = 8 + 2 × 3 + 12
    assert "阳光快递 · ¥37.00" in text
    assert "Parcel from 田阳山茶油合作社: ¥11.00" in text
    assert (
        "Parcel from 阿克苏果园小院: ¥26.00 (includes ¥12.00 for keeping fresh goods cold)"
    ) in text
    assert "Total to pay with this delivery: ¥212.90" in text
    assert "Fresh goods travel in a cold chain" in text
    assert "Not offered for this cart" in text
    assert "村站自提: It cannot keep fresh goods cold, and your cart has some." in text
    assert f'value="{shop.courier.pk}"' in html
    assert (
        '<legend class="fieldset__legend fieldset__legend--page">'
        "<h1>How should your parcels be sent?</h1></legend>"
    ) in html


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "Choose a delivery method."), ("999999", "Choose one of the delivery methods shown.")],
)
def test_delivery_step_without_a_valid_choice_shows_error(cart, value, message):
    # given
    cart.post("/en/checkout/address/?province=62", address_data())

    # when
    response = cart.post("/en/checkout/delivery/", {"delivery_method": value})

    # then
    html = response.content.decode()
    assert f'<a href="#id_delivery_method_0">{message}</a>' in html
    assert 'id="id_delivery_method_0"' in html
    assert session_checkout(cart).delivery_method_id is None


def test_delivery_step_method_that_cannot_carry_fresh_goods_is_refused(cart, shop):
    # given
    cart.post("/en/checkout/address/?province=62", address_data())
    pickup = ShippingMethod.objects.get(slug="sunshine-pickup")

    # when
    response = cart.post("/en/checkout/delivery/", {"delivery_method": pickup.pk})

    # then
    assert "Choose one of the delivery methods shown." in response.content.decode()


def test_delivery_step_saves_the_method_and_goes_on(cart, shop):
    # given
    cart.post("/en/checkout/address/?province=62", address_data())

    # when
    response = cart.post("/en/checkout/delivery/", {"delivery_method": shop.courier.pk})

    # then
    assert response["Location"] == "/en/checkout/payment/"
    assert session_checkout(cart).delivery_method_id == shop.courier.pk
    html = cart.get("/en/checkout/delivery/").content.decode()
    assert f'value="{shop.courier.pk}" aria-describedby="id_delivery_method_0_hint" checked' in html


def test_delivery_step_when_nothing_can_carry_the_cart_says_what_to_do(client, channel):
    # given: only a method without cold chain, and fresh goods in the cart
    shop = make_two_producer_shop(channel)
    ShippingMethod.objects.filter(pk=shop.courier.pk).update(supports_cold_chain=False)
    add_to_cart(client, shop.apples, 1)
    client.post("/en/checkout/address/?province=62", address_data())

    # when
    text = text_of(client.get("/en/checkout/delivery/").content.decode())

    # then
    assert "We cannot deliver this cart to this address" in text
    assert "Change the delivery address" in text


# --- Payment -----------------------------------------------------------------------------


def test_payment_step_offers_offline_ways_to_pay_without_stripe_keys(cart):
    # when
    html = cart.get("/en/checkout/payment/").content.decode()

    # then
    assert 'value="offline.bank_transfer"' in html
    assert 'value="offline.cash_on_delivery"' in html
    assert 'value="stripe"' not in html
    assert "Pay the courier when your parcels arrive." in html


@override_settings(STRIPE_SECRET_KEY="sk_test_x", STRIPE_PUBLISHABLE_KEY="pk_test_x")
def test_payment_step_offers_card_alipay_and_wechat_when_stripe_is_set_up(cart):
    # when
    html = cart.get("/en/checkout/payment/").content.decode()

    # then
    assert 'value="stripe"' in html
    assert "Card, Alipay or WeChat Pay" in html
    assert "This needs JavaScript turned on." in html


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "Choose how to pay."), ("stripe", "Choose one of the ways to pay shown.")],
)
def test_payment_step_without_a_valid_choice_shows_error(cart, value, message):
    # when
    response = cart.post("/en/checkout/payment/", {"gateway": value})

    # then
    assert f'<a href="#id_gateway_0">{message}</a>' in response.content.decode()
    assert GATEWAY_KEY not in cart.session


def test_payment_step_remembers_the_choice_and_goes_to_review(cart):
    # when
    response = cart.post("/en/checkout/payment/", {"gateway": "offline.cash_on_delivery"})

    # then
    assert response["Location"] == "/en/checkout/review/"
    assert cart.session[GATEWAY_KEY] == "offline.cash_on_delivery"
    assert 'value="offline.cash_on_delivery" aria-describedby="id_gateway_1_hint" checked' in (
        cart.get("/en/checkout/payment/").content.decode()
    )


# --- Review ------------------------------------------------------------------------------


def test_review_shows_every_answer_with_change_links_and_exact_totals(cart):
    # given
    fill_checkout(cart)

    # when
    html = cart.get("/en/checkout/review/").content.decode()
    text = text_of(html)

    # then
    assert "Email address buyer@example.test Change email address" in text
    assert "张小花 139 1234 5678 甘肃省 定西市 渭源县 幸福路 8 号 3 单元 501" in text
    assert "Delivery method 阳光快递 Change delivery method" in text
    assert "Payment Bank transfer Change payment method" in text
    assert "山茶油 规格1 × 2 Line total: ¥136.00" in text
    assert "Items ¥39.90 Delivery ¥26.00 includes ¥12.00 for keeping fresh goods cold" in text
    assert "Parcel total ¥65.90" in text
    assert "Items ¥175.90 Delivery ¥37.00 Total to pay ¥212.90" in text
    for step in ("contact", "province", "delivery", "payment"):
        assert f'href="/en/checkout/{step}/?return=review"' in html
    assert ">Place order</button>" in html


def test_review_with_steps_missing_lists_them_with_links_and_no_place_order_button(cart):
    # when
    html = cart.get("/en/checkout/review/").content.decode()
    text = text_of(html)

    # then
    assert "Before you can place your order" in text
    assert "Enter an email address. We send your order confirmation to this address." in text
    assert 'href="/en/checkout/contact/">Enter your email address</a>' in html
    assert 'href="/en/checkout/address/">Enter a delivery address</a>' in html
    assert 'href="/en/checkout/delivery/">Choose a delivery method</a>' in html
    assert 'href="/en/checkout/payment/">Choose how to pay</a>' in html
    assert "Place order" not in html


@pytest.mark.parametrize("size", [1, 8])
def test_review_query_count_is_the_same_for_1_and_8_lines(
    client, channel, django_assert_num_queries, size
):
    # given
    make_two_producer_shop(channel)
    for i in range(size):
        variant = listed(
            channel, producer=new_producer(), name=f"商品{i}", slug=f"item-{i}", price="10.00"
        )
        add_to_cart(client, variant, 1)
    fill_checkout(client)
    client.get("/en/checkout/review/")  # the first visit stores the item count in the session

    # when / then: session, checkout, lines + 2 listing prefetches, 2 attribute facts,
    # shipping tables (methods, rates, rules, thresholds), stock + reservations, pictures
    with django_assert_num_queries(14):
        response = client.get("/en/checkout/review/")
    assert response.content.decode().count('class="review-line"') == size
    assert "Total to pay" in response.content.decode()


# --- CSRF on every checkout form --------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/en/checkout/contact/", {"email": "b@example.test"}),
        ("/en/checkout/address/?province=62", "address"),
        ("/en/checkout/delivery/", "delivery"),
        ("/en/checkout/payment/", {"gateway": "offline.bank_transfer"}),
        ("/en/checkout/review/", {}),
        ("/en/account/login/", {"login": "x@example.test", "password": "secret"}),
        ("/en/account/logout/", {}),
    ],
)
def test_checkout_forms_without_csrf_token_are_refused(cart, shop, path, data):
    # given: a browser with a cart whose forms are posted without the token
    fill_checkout(cart)
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = cart.cookies
    if data == "address":
        data = address_data()
    elif data == "delivery":
        data = {"delivery_method": shop.courier.pk}

    # when
    response = strict.post(path, data)

    # then
    assert response.status_code == 403
    assert not Order.objects.exists()


def test_review_totals_keep_cents_exact(client, channel):
    # given: prices that float arithmetic gets wrong (0.1 + 0.2)
    shop = make_two_producer_shop(channel)
    cheap = listed(
        channel, producer=shop.cooperative, name="小样", slug="sample", price="0.10", stock=50
    )
    other = listed(
        channel, producer=shop.cooperative, name="小样二", slug="sample-2", price="0.20", stock=50
    )
    add_to_cart(client, cheap, 1)
    add_to_cart(client, other, 1)
    fill_checkout(client)

    # when
    text = text_of(client.get("/en/checkout/review/").content.decode())

    # then: 1 kg in one parcel: 8.00 delivery
    assert "Items ¥0.30 Delivery ¥8.00 Total to pay ¥8.30" in text
