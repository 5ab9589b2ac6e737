"""The buyer's details on a checkout: e-mail, delivery address, delivery method."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.checkout.address import validate_shipping_address
from backend.checkout.errors import CheckoutError, CheckoutErrorCode
from backend.checkout.fetch import fetch_checkout_lines
from backend.checkout.lines import clean_email, lock_checkout, touch
from backend.checkout.models import Checkout, ShippingMethod
from backend.checkout.shipping import can_carry


def update_checkout_email(checkout: Checkout, email: str, *, actor: User | None) -> Checkout:
    cleaned = clean_email(email)
    with transaction.atomic(durable=True):
        locked = lock_checkout(checkout)
        locked.email = cleaned
        touch(locked, "email")
    return locked


def update_checkout_shipping_address(
    checkout: Checkout,
    *,
    recipient_name: str,
    mobile: str,
    county_id: int | None,
    address_detail: str,
    actor: User | None,
) -> Checkout:
    """Set the delivery address. The province and city are taken from the county."""
    address = validate_shipping_address(
        recipient_name=recipient_name,
        mobile=mobile,
        county_id=county_id,
        address_detail=address_detail,
    )
    with transaction.atomic(durable=True):
        locked = lock_checkout(checkout)
        locked.recipient_name = address.recipient_name
        locked.mobile = address.mobile
        locked.shipping_province = address.province
        locked.shipping_city = address.city
        locked.shipping_county = address.county
        locked.address_detail = address.address_detail
        touch(
            locked,
            "recipient_name",
            "mobile",
            "shipping_province",
            "shipping_city",
            "shipping_county",
            "address_detail",
        )
    return locked


def update_checkout_delivery_method(
    checkout: Checkout, delivery_method_id: int | None, *, actor: User | None
) -> Checkout:
    """Choose a delivery method (None clears it).

    When the address is known, the method must carry every producer's parcel there, including
    fresh goods in a cold chain.
    """
    method = None
    if delivery_method_id is not None:
        method = ShippingMethod.objects.filter(pk=delivery_method_id, is_active=True).first()
        if method is None:
            raise CheckoutError.of(
                CheckoutErrorCode.NOT_FOUND,
                field="delivery_method_id",
                message=_("This delivery method does not exist."),
            )
    with transaction.atomic(durable=True):
        locked = lock_checkout(checkout)
        if method is not None and locked.shipping_county is not None:
            rates = list(method.rates.all())
            fresh = any(info.facts.is_fresh for info in fetch_checkout_lines(locked))
            if not can_carry(
                method, rates, province_code=locked.shipping_county.province_code, fresh=fresh
            ):
                raise CheckoutError.of(
                    CheckoutErrorCode.DELIVERY_METHOD_NOT_AVAILABLE,
                    field="delivery_method_id",
                    message=_("This delivery method cannot deliver this cart to this address."),
                )
        locked.delivery_method = method
        touch(locked, "delivery_method")
    return locked


def available_delivery_methods(checkout: Checkout) -> list[ShippingMethod]:
    """Active methods that can carry this checkout to its address (all active ones until the
    address is known)."""
    methods = list(ShippingMethod.objects.filter(is_active=True).prefetch_related("rates"))
    county = checkout.shipping_county
    if county is None:
        return methods
    fresh = any(info.facts.is_fresh for info in fetch_checkout_lines(checkout))
    return [
        m
        for m in methods
        if can_carry(m, list(m.rates.all()), province_code=county.province_code, fresh=fresh)
    ]
