"""Read side of the delivery step: methods to the door, pickup points near the address, and the
parcels no courier can take there ("cannot deliver", shown before payment).

Every price comes from the checkout's one pricing service; this only tries each choice.
Cost: `fetch_checkout_info` plus two queries for the nearby pickup points with their couriers.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.utils.translation import gettext
from prices import Money

from backend.checkout.collection_points import CollectionPointOption, collection_point_options
from backend.checkout.deliverability import undeliverable_parcels
from backend.checkout.fetch import CheckoutInfo, fetch_checkout_info
from backend.checkout.models import Checkout
from backend.checkout.pricing import CheckoutTotals, calculate_checkout_totals
from backend.checkout.shipping import DeliveryBlock
from storefront.checkout_shapes import DeliveryOption, ParcelQuote, UnavailableDelivery

POINT_PREFIX = "point-"


@dataclass(frozen=True)
class PickupOption:
    value: str
    name: str
    kind: str
    address: str
    opening_hours: str
    phone: str
    courier: str
    in_your_county: bool
    parcels: list[ParcelQuote]
    shipping: Money
    total: Money


@dataclass(frozen=True)
class UndeliverableParcelView:
    producer_name: str
    reason: str
    lines: list[str]


@dataclass(frozen=True)
class DeliveryChoices:
    options: list[DeliveryOption]
    pickup_points: list[PickupOption]
    unavailable: list[UnavailableDelivery]
    undeliverable: list[UndeliverableParcelView]
    has_fresh_goods: bool
    chosen: str

    @property
    def values(self) -> list[tuple[str, str]]:
        return [(str(o.id), o.name) for o in self.options] + [
            (p.value, p.name) for p in self.pickup_points
        ]


def _quotes(totals: CheckoutTotals) -> list[ParcelQuote]:
    return [
        ParcelQuote(
            producer_name=parcel.producer.name,
            shipping=parcel.shipping,
            cold_chain_surcharge=parcel.cold_chain_surcharge
            if parcel.needs_cold_chain and parcel.cold_chain_surcharge.amount
            else None,
            free_shipping=parcel.free_shipping,
        )
        for parcel in totals.parcels
    ]


def _usable(totals: CheckoutTotals) -> bool:
    return bool(totals.parcels) and totals.shipping_available


REASONS = {
    DeliveryBlock.NO_COLD_CHAIN: lambda: gettext(
        "It holds fresh goods, and no courier with a cold chain serves this address."
    ),
    DeliveryBlock.NOT_AT_PICKUP_POINT: lambda: gettext(
        "None of the couriers that call at this pickup point can take it."
    ),
    DeliveryBlock.NO_ROUTE: lambda: gettext("None of our couriers delivers there."),
}


def _method_reason(totals: CheckoutTotals) -> str:
    blocks = {p.block for p in totals.parcels if p.block is not None}
    if DeliveryBlock.NO_COLD_CHAIN in blocks:
        return gettext("It cannot keep fresh goods cold, and your cart has some.")
    return gettext("It does not deliver to this address.")


def _door_options(info: CheckoutInfo) -> tuple[list[DeliveryOption], list[UnavailableDelivery]]:
    options, unavailable = [], []
    door = dataclasses.replace(info, pickup_point=None)
    for method in info.shipping.methods:
        totals = calculate_checkout_totals(dataclasses.replace(door, delivery_method=method))
        if _usable(totals):
            options.append(
                DeliveryOption(
                    id=method.pk,
                    name=method.name,
                    description=method.description,
                    parcels=_quotes(totals),
                    shipping=totals.shipping,
                    total=totals.total,
                )
            )
        else:
            unavailable.append(UnavailableDelivery(method.name, _method_reason(totals)))
    return options, unavailable


def _pickup_option(option: CollectionPointOption) -> PickupOption:
    point, totals = option.point, option.totals
    return PickupOption(
        value=f"{POINT_PREFIX}{point.pk}",
        name=point.name,
        kind=point.get_kind_display(),
        address=point.full_address,
        opening_hours=point.opening_hours,
        phone=point.contact_phone,
        courier=option.courier.name,
        in_your_county=option.in_customer_county,
        parcels=_quotes(totals),
        shipping=totals.shipping,
        total=totals.total,
    )


def _undeliverable(info: CheckoutInfo) -> list[UndeliverableParcelView]:
    door = dataclasses.replace(info, pickup_point=None)
    return [
        UndeliverableParcelView(
            producer_name=parcel.producer.name,
            reason=REASONS[parcel.reason](),
            lines=[f"{li.product.name} {li.variant.name}".strip() for li in parcel.lines],
        )
        for parcel in undeliverable_parcels(door)
    ]


def delivery_choices(checkout: Checkout) -> DeliveryChoices:
    info = fetch_checkout_info(checkout)
    options, unavailable = _door_options(info)
    points = [_pickup_option(option) for option in collection_point_options(info)]
    if checkout.pickup_point_id is not None:
        chosen = f"{POINT_PREFIX}{checkout.pickup_point_id}"
    else:
        chosen = str(checkout.delivery_method_id or "")
    return DeliveryChoices(
        options=options,
        pickup_points=points,
        unavailable=unavailable,
        undeliverable=_undeliverable(info),
        has_fresh_goods=any(li.facts.is_fresh for li in info.lines),
        chosen=chosen,
    )


def parse_choice(value: str) -> tuple[int | None, int | None]:
    """A posted choice → (method id, pickup point id)."""
    if value.startswith(POINT_PREFIX):
        return None, int(value[len(POINT_PREFIX) :])
    return int(value), None
