"""The buyer's details on a checkout: e-mail, delivery address, delivery method."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.checkout.address import validate_shipping_address
from backend.checkout.collection_points import option_for_point
from backend.checkout.deliverability import parcels_by_producer
from backend.checkout.errors import CheckoutError, CheckoutErrorCode
from backend.checkout.fetch import CheckoutInfo, fetch_checkout_info
from backend.checkout.lines import clean_email, lock_checkout, touch
from backend.checkout.models import Checkout, ShippingMethod
from backend.checkout.shipping import quote_parcel
from backend.delivery.lookups import get_pickup_point_near, pickup_points_near
from backend.delivery.models import PickupPoint


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
        if (
            locked.pickup_point_id is not None
            and not pickup_points_near(address.county).filter(pk=locked.pickup_point_id).exists()
        ):
            locked.pickup_point = None  # no longer near: the buyer chooses again
        touch(
            locked,
            "pickup_point",
            "recipient_name",
            "mobile",
            "shipping_province",
            "shipping_city",
            "shipping_county",
            "address_detail",
        )
    return locked


def _carriers_for_all(info: CheckoutInfo, methods: list[ShippingMethod]) -> list[ShippingMethod]:
    """The methods among these that can carry every parcel of the checkout to its destination."""
    usable = []
    for method in methods:
        if all(
            quote_parcel(
                method,
                info.shipping,
                info.route(producer),
                weight_grams=sum(li.unit_weight_grams * li.line.quantity for li in lines),
                fresh=any(li.facts.is_fresh for li in lines),
                subtotal=Decimal("0"),
                pickup_point_id=info.pickup_point_id,
            ).can_carry
            for producer, lines in parcels_by_producer(info)
        ):
            usable.append(method)
    return usable


def update_checkout_delivery_method(
    checkout: Checkout, delivery_method_id: int | None, *, actor: User | None
) -> Checkout:
    """Choose a delivery method to the door (None clears it); it replaces a pickup point.

    When the address is known, the method must carry every producer's parcel there, including
    fresh goods in a cold chain (`shipping.quote_parcel`).
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
            info = replace(fetch_checkout_info(locked), pickup_point=None)
            if not _carriers_for_all(info, [method]):
                raise CheckoutError.of(
                    CheckoutErrorCode.DELIVERY_METHOD_NOT_AVAILABLE,
                    field="delivery_method_id",
                    message=_("This delivery method cannot deliver this cart to this address."),
                )
        locked.delivery_method = method
        locked.pickup_point = None
        touch(locked, "delivery_method", "pickup_point")
    return locked


def update_checkout_pickup_point(
    checkout: Checkout, pickup_point_id: int, *, actor: User | None
) -> Checkout:
    """Have the parcels sent to a pickup point near the address (same city) instead of the door.

    The courier is the cheapest of those calling at the point that can carry every parcel there
    (`collection_points.option_for_point`). A point that is closed, far away or unknown is
    NOT_FOUND alike.
    """
    with transaction.atomic(durable=True):
        locked = lock_checkout(checkout)
        county = locked.shipping_county
        if county is None:
            raise CheckoutError.of(
                CheckoutErrorCode.REQUIRED,
                field="shipping_address",
                message=_("Enter a delivery address first, so we can find pickup points near it."),
            )
        try:
            point = get_pickup_point_near(pickup_point_id, county)
        except PickupPoint.DoesNotExist:
            raise CheckoutError.of(
                CheckoutErrorCode.NOT_FOUND,
                field="delivery_method_id",
                message=_("There is no such pickup point near this address."),
            ) from None
        option = option_for_point(fetch_checkout_info(locked), point)
        if option is None:
            raise CheckoutError.of(
                CheckoutErrorCode.PICKUP_POINT_NOT_AVAILABLE,
                field="delivery_method_id",
                message=_(
                    "None of the couriers that call at this pickup point can carry this cart."
                ),
            )
        locked.pickup_point = point
        locked.delivery_method = option.courier
        touch(locked, "delivery_method", "pickup_point")
    return locked


def available_delivery_methods(checkout: Checkout) -> list[ShippingMethod]:
    """Active methods that can carry this checkout to its address (all active ones until the
    address is known)."""
    info = replace(fetch_checkout_info(checkout), pickup_point=None)
    if checkout.shipping_county is None:
        return info.shipping.methods
    return _carriers_for_all(info, info.shipping.methods)
