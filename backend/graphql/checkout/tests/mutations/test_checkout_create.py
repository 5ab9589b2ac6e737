from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from backend.catalog.models import Channel, ProductChannelListing, ProductVariantChannelListing
from backend.checkout.models import Checkout
from backend.graphql.checkout.tests.api_checkouts import create
from backend.graphql.checkout.tests.fixtures import ADDRESS, codes, gid


def test_checkout_create_anonymous_lines_and_email_created(api, channel, variant):
    # when
    result = create(api, [(variant, 2)])

    # then
    assert result["errors"] == []
    checkout = result["checkout"]
    assert checkout["email"] == "buyer@example.test"
    assert checkout["user"] is None
    assert [(line["variant"]["id"], line["quantity"]) for line in checkout["lines"]] == [
        (gid("ProductVariant", variant.pk), 2)
    ]
    assert checkout["totalPrice"]["gross"] == {"amount": 99.8, "currency": "CNY"}
    assert Checkout.objects.get(pk=checkout["token"]).user_id is None


def test_checkout_create_with_shipping_address_stores_it(api, channel, variant):
    # when
    result = create(api, [(variant, 1)], shippingAddress=ADDRESS)

    # then
    assert result["errors"] == []
    assert result["checkout"]["shippingAddress"] == {
        "firstName": "张小花",
        "lastName": "",
        "phone": "+8613912345678",
        "countryArea": "北京市",
        "city": "北京市",
        "cityArea": "朝阳区",
        "streetAddress1": "幸福路 8 号 3 单元 501",
    }


def test_checkout_create_signed_in_belongs_to_user_with_their_email(
    api, channel, variant, customer, customer_token
):
    # when
    result = create(api, [(variant, 1)], email=None, token=customer_token)

    # then
    assert result["errors"] == []
    assert result["checkout"]["user"] == {"email": customer.email}
    assert result["checkout"]["email"] == customer.email
    assert Checkout.objects.get(pk=result["checkout"]["token"]).user_id == customer.pk


def test_checkout_create_unknown_channel_not_found(api, channel, variant):
    # when
    result = create(api, [(variant, 1)], channel="no-such-channel")

    # then
    assert codes(result) == [("channel", "NOT_FOUND")]
    assert result["checkout"] is None


def test_checkout_create_inactive_channel_refused(api, channel, variant):
    # given
    Channel.objects.filter(pk=channel.pk).update(is_active=False)

    # when
    result = create(api, [(variant, 1)])

    # then
    assert codes(result) == [("channel", "CHANNEL_INACTIVE")]
    assert not Checkout.objects.exists()


@pytest.mark.parametrize(("quantity", "code"), [(0, "ZERO_QUANTITY"), (-1, "INVALID")])
def test_checkout_create_bad_quantity_refused(api, channel, variant, quantity, code):
    # when
    result = create(api, [(variant, quantity)])

    # then
    assert codes(result) == [("quantity", code)]
    assert result["errors"][0]["variants"] == [gid("ProductVariant", variant.pk)]
    assert not Checkout.objects.exists()


def test_checkout_create_malformed_variant_id_graphql_error(api, channel):
    # when
    result = create(api, [], raw_lines=[{"variantId": "not-an-id", "quantity": 1}])

    # then
    assert codes(result) == [("variantId", "GRAPHQL_ERROR")]


def test_checkout_create_unknown_variant_not_found(api, channel, variant):
    # given
    missing = gid("ProductVariant", variant.pk + 1000)

    # when
    result = create(api, [], raw_lines=[{"variantId": missing, "quantity": 1}])

    # then
    assert codes(result) == [("lines", "NOT_FOUND")]
    assert result["errors"][0]["variants"] == [missing]


def _unlist_variant(variant):  # type: ignore[no-untyped-def]
    ProductVariantChannelListing.objects.filter(variant=variant).delete()


def _unpublish(variant):  # type: ignore[no-untyped-def]
    ProductChannelListing.objects.filter(product=variant.product).update(is_published=False)


def _not_yet_for_sale(variant):  # type: ignore[no-untyped-def]
    ProductChannelListing.objects.filter(product=variant.product).update(
        available_for_purchase_at=timezone.now() + timedelta(days=3)
    )


@pytest.mark.parametrize(
    ("make_unavailable", "code"),
    [
        (_unlist_variant, "UNAVAILABLE_VARIANT_IN_CHANNEL"),
        (_unpublish, "PRODUCT_NOT_PUBLISHED"),
        (_not_yet_for_sale, "PRODUCT_UNAVAILABLE_FOR_PURCHASE"),
    ],
)
def test_checkout_create_variant_not_for_sale_says_why(
    api, channel, variant, make_unavailable, code
):
    # given
    make_unavailable(variant)

    # when
    result = create(api, [(variant, 1)])

    # then
    assert codes(result) == [("lines", code)]
    assert result["errors"][0]["variants"] == [gid("ProductVariant", variant.pk)]


def test_checkout_create_over_line_limit_refused(api, channel, variant, settings):
    # given
    settings.MAX_CHECKOUT_LINE_QUANTITY = 5

    # when
    result = create(api, [(variant, 6)])

    # then
    assert codes(result) == [("quantity", "QUANTITY_GREATER_THAN_LIMIT")]
    assert result["errors"][0]["variants"] == [gid("ProductVariant", variant.pk)]


def test_checkout_create_more_than_stock_insufficient_stock(api, channel, variant):
    # when
    result = create(api, [(variant, 11)])

    # then
    assert codes(result) == [("quantity", "INSUFFICIENT_STOCK")]
    assert result["errors"][0]["variants"] == [gid("ProductVariant", variant.pk)]
    assert not Checkout.objects.exists()


def test_checkout_create_invalid_email_refused(api, channel, variant):
    # when
    result = create(api, [(variant, 1)], email="not an email")

    # then
    assert codes(result) == [("email", "INVALID")]


def test_checkout_create_invalid_address_creates_nothing(api, channel, variant):
    # when
    result = create(api, [(variant, 1)], shippingAddress={**ADDRESS, "phone": "12345"})

    # then
    assert codes(result) == [("phone", "INVALID")]
    assert result["errors"][0]["addressType"] == "SHIPPING"
    assert not Checkout.objects.exists()
