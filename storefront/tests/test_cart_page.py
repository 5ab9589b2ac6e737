"""Add to cart from the product page, and the cart page: lines per producer, quantities,
removal, problems in words, CSRF, constant query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from backend.catalog.tests.factories import list_product
from backend.checkout.models import CheckoutLine
from backend.warehouse.models import Reservation, Stock
from storefront.cart_session import CHECKOUT_KEY, ITEM_COUNT_KEY
from storefront.tests.checkout_scenarios import (
    add_to_cart,
    listed,
    make_two_producer_shop,
    session_checkout,
    text_of,
)
from storefront.tests.scenarios import new_producer, new_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(channel):  # type: ignore[no-untyped-def]
    return make_two_producer_shop(channel)


def test_product_page_shows_add_to_cart_form_with_a_radio_per_size(client, shop):
    # when
    html = client.get("/en/product/camellia-oil/").content.decode()

    # then
    assert '<form class="add-to-cart" method="post" novalidate>' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert f'type="radio" id="id_variant_0" name="variant" value="{shop.oil.pk}" checked' in html
    assert '<label class="label" for="id_quantity">Quantity</label>' in html
    assert ">Add to cart</button>" in html


def test_add_to_cart_first_item_starts_a_cart_and_goes_to_it(client, shop):
    # when
    response = add_to_cart(client, shop.oil, 2, prefix="/en")

    # then
    assert response.status_code == 302
    assert response["Location"] == "/en/cart/"
    line = CheckoutLine.objects.get(checkout=session_checkout(client))
    assert (line.variant_id, line.quantity) == (shop.oil.pk, 2)
    cart = client.get("/en/cart/").content.decode()
    assert "山茶油 (规格1) × 2 is in your cart." in cart
    assert "Cart, 2 items" in cart


def test_add_to_cart_twice_adds_to_the_same_line(client, shop):
    # given
    add_to_cart(client, shop.oil, 1)

    # when
    add_to_cart(client, shop.oil, 3)

    # then
    line = CheckoutLine.objects.get(checkout=session_checkout(client))
    assert line.quantity == 4


def test_add_to_cart_without_a_size_shows_error_summary_and_keeps_quantity(client, channel):
    # given: two sizes, so none is chosen for the buyer
    product = new_product(slug="two-sizes", name="党参")
    list_product(product, channel, prices=[Decimal("10"), Decimal("20")])

    # when
    response = client.post("/en/product/two-sizes/", {"quantity": "3"})

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: 党参" in html
    assert 'class="error-summary"' in html
    assert '<a href="#id_variant_0">Choose a size.</a>' in html
    assert 'name="quantity" value="3"' in html
    assert CHECKOUT_KEY not in client.session


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("", "Enter a quantity."),
        ("two", "Enter the quantity as a whole number, like 2."),
        ("0", "Enter a quantity of 1 or more."),
        ("51", "You can buy up to 50 at once."),
    ],
)
def test_add_to_cart_bad_quantity_says_how_to_fix_it(client, shop, quantity, message):
    # when
    response = client.post(
        "/en/product/camellia-oil/", {"variant": shop.oil.pk, "quantity": quantity}
    )

    # then
    html = response.content.decode()
    assert f'<a href="#id_quantity">{message}</a>' in html
    assert f'value="{quantity}"' in html or quantity == ""
    assert 'aria-invalid="true"' in html


def test_add_to_cart_more_than_in_stock_says_how_many_can_be_sent(client, shop):
    # when: 5 apples in stock
    response = add_to_cart(client, shop.apples, 6, prefix="/en")

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "Only 5 can be sent, counting any already in your cart." in html
    assert not CheckoutLine.objects.exists()


def test_add_to_cart_sold_out_size_is_not_offered(client, shop):
    # given
    Stock.objects.filter(product_variant=shop.apples).update(quantity=0)

    # when
    html = client.get("/en/product/aksu-apples/").content.decode()
    response = add_to_cart(client, shop.apples, 1, prefix="/en")

    # then
    assert 'name="variant"' not in html
    assert "Sold out for now." in html
    assert "Choose one of the sizes shown." in response.content.decode()


def test_cart_page_groups_lines_per_producer_with_subtotals(client, shop):
    # given
    add_to_cart(client, shop.oil, 2)
    add_to_cart(client, shop.apples, 1)

    # when
    html = client.get("/en/cart/").content.decode()
    text = text_of(html)

    # then
    assert html.count('<section class="parcel"') == 2
    assert "Parcel from 田阳山茶油合作社" in text
    assert "Parcel from 阿克苏果园小院" in text
    assert "Items from 田阳山茶油合作社 ¥136.00" in text
    assert "Items from 阿克苏果园小院 ¥39.90" in text
    assert "Items ¥175.90" in text
    assert "This parcel holds fresh goods. It is sent in a cold chain" in text
    assert "Delivery Worked out when you choose a delivery method" in text
    assert 'href="/en/checkout/"' in html


def test_cart_page_in_chinese_uses_existing_translations(client, shop):
    # when
    html = client.get("/cart/").content.decode()

    # then
    assert '<html lang="zh-Hans">' in html
    assert "你的购物车是空的。" in html


def test_cart_page_empty_says_so_and_offers_the_shop(client, db):
    # when
    html = client.get("/en/cart/").content.decode()

    # then
    assert "Your cart is empty." in html
    assert "Continue to checkout" not in html


def test_cart_update_quantity_changes_the_line(client, shop):
    # given
    add_to_cart(client, shop.oil, 1)
    line = CheckoutLine.objects.get()

    # when
    response = client.post(f"/en/cart/lines/{line.pk}/", {f"line-{line.pk}-quantity": "3"})

    # then
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.quantity == 3
    assert "The quantity was changed." in client.get("/en/cart/").content.decode()


def test_cart_update_quantity_zero_removes_the_line(client, shop):
    # given
    add_to_cart(client, shop.oil, 1)
    line = CheckoutLine.objects.get()

    # when
    client.post(f"/en/cart/lines/{line.pk}/", {f"line-{line.pk}-quantity": "0"})

    # then
    assert not CheckoutLine.objects.exists()


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("lots", "Enter the quantity as a whole number, like 2."),
        ("6", "Only 5 can be sent. Enter 5 or fewer."),
    ],
)
def test_cart_update_bad_quantity_keeps_the_answer_and_links_to_the_field(
    client, shop, quantity, message
):
    # given
    add_to_cart(client, shop.apples, 1)
    line = CheckoutLine.objects.get()

    # when
    response = client.post(f"/en/cart/lines/{line.pk}/", {f"line-{line.pk}-quantity": quantity})

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Your cart" in html
    assert f'<a href="#id_line-{line.pk}-quantity">{message}</a>' in html
    assert f'id="id_line-{line.pk}-quantity" value="{quantity}" aria-invalid="true"' in html
    line.refresh_from_db()
    assert line.quantity == 1


def test_cart_remove_deletes_the_line(client, shop):
    # given
    add_to_cart(client, shop.oil, 1)
    add_to_cart(client, shop.apples, 1)
    line = CheckoutLine.objects.get(variant=shop.oil)

    # when
    response = client.post(f"/en/cart/lines/{line.pk}/remove/")

    # then
    assert response.status_code == 302
    assert list(CheckoutLine.objects.values_list("variant_id", flat=True)) == [shop.apples.pk]
    assert "The item was removed from your cart." in client.get("/en/cart/").content.decode()


def test_cart_line_of_another_cart_is_not_found(client, shop):
    # given: someone else's cart line
    other = Client()
    add_to_cart(other, shop.oil, 1)
    line = CheckoutLine.objects.get()
    add_to_cart(client, shop.apples, 1)

    # when
    update = client.post(f"/en/cart/lines/{line.pk}/", {f"line-{line.pk}-quantity": "2"})
    remove = client.post(f"/en/cart/lines/{line.pk}/remove/")

    # then
    assert (update.status_code, remove.status_code) == (404, 404)
    line.refresh_from_db()
    assert line.quantity == 1


def test_cart_stock_gone_since_adding_shows_problem_and_what_to_do(client, shop):
    # given: two of the apples sold elsewhere after this buyer took 3
    add_to_cart(client, shop.apples, 3)
    Reservation.objects.all().delete()
    Stock.objects.filter(product_variant=shop.apples).update(quantity=2)

    # when
    html = client.get("/en/cart/").content.decode()
    text = text_of(html)

    # then
    assert "Check these items before you go on" in text
    assert "Not enough in stock for this quantity." in text
    assert (
        "Only 2 of 糖心苹果 规格1 can be sent. Change the quantity to 2 or fewer, or remove it."
        in (text)
    )
    line = CheckoutLine.objects.get()
    assert f'href="/en/cart/#line-{line.pk}"' in html
    assert 'class="cart-line cart-line--problem"' in html


def test_cart_item_no_longer_for_sale_says_remove_it(client, shop):
    # given
    add_to_cart(client, shop.oil, 1)
    shop.cooperative.is_active = False
    shop.cooperative.save(update_fields=["is_active"])

    # when
    text = text_of(client.get("/en/cart/").content.decode())

    # then
    assert (
        "This item is no longer for sale. Remove 山茶油 规格1 from your cart to continue." in text
    )


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/en/product/camellia-oil/", {"variant": "1", "quantity": "1"}),
        ("/en/cart/lines/{line}/", {"line-{line}-quantity": "2"}),
        ("/en/cart/lines/{line}/remove/", {}),
    ],
)
def test_cart_forms_without_csrf_token_are_refused(shop, path, data):
    # given
    client = Client(enforce_csrf_checks=True)
    seller = Client()
    add_to_cart(seller, shop.oil, 1)
    line = CheckoutLine.objects.get()
    client.cookies = seller.cookies

    # when
    response = client.post(
        path.format(line=line.pk), {k.format(line=line.pk): v for k, v in data.items()}
    )

    # then
    assert response.status_code == 403
    line.refresh_from_db()
    assert line.quantity == 1


@pytest.mark.parametrize("size", [1, 8])
def test_cart_page_query_count_is_the_same_for_1_and_8_lines(
    client, channel, django_assert_num_queries, size
):
    # given
    for i in range(size):
        variant = listed(
            channel,
            producer=new_producer(),
            name=f"商品{i}",
            slug=f"item-{i}",
            price="10.00",
        )
        add_to_cart(client, variant, 1)
    client.get("/en/cart/")  # the first visit stores the item count in the session

    # when / then: session, checkout, lines + 2 listing prefetches, 2 attribute facts,
    # shipping tables (methods, rates, rules, thresholds), stock + reservations, pictures,
    # category menu
    with django_assert_num_queries(15):
        response = client.get("/en/cart/")
    assert response.content.decode().count('class="cart-line"') == size
    assert client.session[ITEM_COUNT_KEY] == size
