from __future__ import annotations

import pytest

from backend.checkout.details import (
    available_delivery_methods,
    update_checkout_delivery_method,
    update_checkout_email,
    update_checkout_shipping_address,
)
from backend.checkout.errors import CheckoutError, CheckoutErrorCode
from backend.checkout.lines import LineInput, create_checkout
from backend.checkout.tests.factories import shipping_address
from backend.checkout.tests.scenarios import listed_variant, make_courier
from backend.regions.models import Region


def test_update_checkout_email_invalid_address_refused(channel):
    # given
    checkout = create_checkout(channel=channel, actor=None)

    # when
    with pytest.raises(CheckoutError) as exc:
        update_checkout_email(checkout, "not-an-address", actor=None)

    # then
    assert [(e.field, e.code) for e in exc.value.errors] == [("email", CheckoutErrorCode.INVALID)]


def test_update_checkout_shipping_address_county_gives_province_and_city(channel):
    # given
    checkout = create_checkout(channel=channel, actor=None)

    # when
    updated = update_checkout_shipping_address(checkout, **shipping_address("621123"), actor=None)

    # then
    updated.refresh_from_db()
    codes = Region.objects.filter(
        pk__in=[updated.shipping_county_id, updated.shipping_city_id, updated.shipping_province_id]
    ).values_list("code", flat=True)
    assert set(codes) == {"62", "6211", "621123"}
    assert updated.mobile == "+8613912345678"
    assert updated.has_shipping_address


def test_update_checkout_shipping_address_municipality_district_has_no_city(channel):
    # given
    checkout = create_checkout(channel=channel, actor=None)

    # when
    updated = update_checkout_shipping_address(checkout, **shipping_address("110105"), actor=None)

    # then
    assert updated.shipping_province_id == Region.objects.get(code="11").pk
    assert updated.shipping_city_id is None


def test_update_checkout_shipping_address_every_bad_field_reported(channel):
    # given
    checkout = create_checkout(channel=channel, actor=None)
    province = Region.objects.get(code="62")

    # when
    with pytest.raises(CheckoutError) as exc:
        update_checkout_shipping_address(
            checkout,
            recipient_name=" ",
            mobile="010 6512 3456",  # a Beijing landline, not a mobile
            county_id=province.pk,
            address_detail="",
            actor=None,
        )

    # then
    assert {(e.field, e.code) for e in exc.value.errors} == {
        ("recipient_name", CheckoutErrorCode.REQUIRED),
        ("mobile", CheckoutErrorCode.INVALID_MOBILE),
        ("county_id", CheckoutErrorCode.INVALID_REGION),
        ("address_detail", CheckoutErrorCode.REQUIRED),
    }
    checkout.refresh_from_db()
    assert not checkout.has_shipping_address


@pytest.mark.parametrize("mobile", ["13912345678", "+86 139-1234-5678", "8613912345678"])
def test_update_checkout_shipping_address_mobile_formats_normalised(channel, mobile):
    # given
    checkout = create_checkout(channel=channel, actor=None)
    address = {**shipping_address(), "mobile": mobile}

    # when
    updated = update_checkout_shipping_address(checkout, **address, actor=None)

    # then
    assert updated.mobile == "+8613912345678"


def test_update_checkout_delivery_method_no_cold_chain_for_fresh_goods_refused(channel):
    # given
    pickup = make_courier(cold_chain=False)
    fresh = listed_variant(channel, fresh=True)
    checkout = create_checkout(channel=channel, actor=None, lines=[LineInput(fresh.pk, 1)])
    update_checkout_shipping_address(checkout, **shipping_address(), actor=None)

    # when
    with pytest.raises(CheckoutError) as exc:
        update_checkout_delivery_method(checkout, pickup.pk, actor=None)

    # then
    assert exc.value.codes == [CheckoutErrorCode.DELIVERY_METHOD_NOT_AVAILABLE]
    assert exc.value.errors[0].field == "delivery_method_id"


def test_available_delivery_methods_fresh_cart_only_cold_chain_methods(channel, courier):
    # given
    pickup = make_courier(cold_chain=False)
    fresh = listed_variant(channel, fresh=True)
    checkout = create_checkout(channel=channel, actor=None, lines=[LineInput(fresh.pk, 1)])
    checkout = update_checkout_shipping_address(checkout, **shipping_address(), actor=None)

    # when
    methods = available_delivery_methods(checkout)

    # then
    assert courier in methods
    assert pickup not in methods


def test_update_checkout_delivery_method_unknown_id_not_found(channel):
    # given
    checkout = create_checkout(channel=channel, actor=None)

    # when
    with pytest.raises(CheckoutError) as exc:
        update_checkout_delivery_method(checkout, 987654, actor=None)

    # then
    assert exc.value.codes == [CheckoutErrorCode.NOT_FOUND]
