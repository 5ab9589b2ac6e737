"""What stands between a checkout and an order, reported early instead of failing late.

Line problems (a variant no longer for sale, not enough stock for the quantity) and what is
still missing (e-mail, address, a delivery method that can carry every parcel there).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from backend.checkout.deliverability import parcels_by_producer, undeliverable_parcels
from backend.checkout.errors import CheckoutProblem, CheckoutProblemCode
from backend.checkout.fetch import CheckoutInfo
from backend.checkout.shipping import DeliveryBlock, quote_parcel
from backend.warehouse.availability import available_quantities

BLOCK_PROBLEMS = {
    DeliveryBlock.NO_COLD_CHAIN: CheckoutProblemCode.COLD_CHAIN_NOT_AVAILABLE,
    DeliveryBlock.NOT_AT_PICKUP_POINT: CheckoutProblemCode.PICKUP_POINT_NOT_SERVED,
    DeliveryBlock.NO_ROUTE: CheckoutProblemCode.NOT_DELIVERABLE,
}


def delivery_problems(info: CheckoutInfo) -> list[CheckoutProblem]:
    """One problem per line of each parcel that no courier can take to the destination."""
    return [
        CheckoutProblem(
            BLOCK_PROBLEMS[parcel.reason],
            line_id=line.line.pk,
            variant_id=line.line.variant_id,
            producer_id=parcel.producer.pk,
        )
        for parcel in undeliverable_parcels(info)
        for line in parcel.lines
    ]


def line_problems(info: CheckoutInfo, *, check_stock: bool = True) -> list[CheckoutProblem]:
    now = timezone.now()
    problems = []
    tracked = [li for li in info.lines if li.variant.track_inventory]
    available = (
        available_quantities(
            [li.variant.pk for li in tracked], exclude_checkout_token=info.checkout.pk
        )
        if check_stock and tracked
        else {}
    )
    for line_info in info.lines:
        line = line_info.line
        if not line_info.is_available(now):
            problems.append(
                CheckoutProblem(
                    CheckoutProblemCode.VARIANT_NOT_AVAILABLE,
                    line_id=line.pk,
                    variant_id=line.variant_id,
                    producer_id=line_info.producer.pk,
                )
            )
        elif check_stock and line_info.variant.track_inventory:
            quantity = available.get(line.variant_id, 0)
            if quantity < line.quantity:
                problems.append(
                    CheckoutProblem(
                        CheckoutProblemCode.INSUFFICIENT_STOCK,
                        line_id=line.pk,
                        variant_id=line.variant_id,
                        available_quantity=quantity,
                        producer_id=line_info.producer.pk,
                    )
                )
    return problems + delivery_problems(info)


def completion_problems(info: CheckoutInfo) -> list[CheckoutProblem]:
    checkout = info.checkout
    problems = []
    if not info.channel.is_active:
        problems.append(CheckoutProblem(CheckoutProblemCode.CHANNEL_INACTIVE))
    if not info.lines:
        problems.append(CheckoutProblem(CheckoutProblemCode.EMPTY))
    if not (checkout.email or (checkout.user and checkout.user.email)):
        problems.append(CheckoutProblem(CheckoutProblemCode.EMAIL_REQUIRED))
    if not checkout.has_shipping_address:
        problems.append(CheckoutProblem(CheckoutProblemCode.SHIPPING_ADDRESS_REQUIRED))
    method = info.delivery_method
    if method is None:
        problems.append(CheckoutProblem(CheckoutProblemCode.DELIVERY_METHOD_REQUIRED))
    elif info.has_destination:
        undeliverable = {p.producer.pk for p in undeliverable_parcels(info)}
        for producer, lines in parcels_by_producer(info):
            if producer.pk in undeliverable:
                continue  # reported per line already, whatever the method
            quote = quote_parcel(
                method,
                info.shipping,
                info.route(producer),
                weight_grams=sum(li.unit_weight_grams * li.line.quantity for li in lines),
                fresh=any(li.facts.is_fresh for li in lines),
                subtotal=Decimal("0"),
                pickup_point_id=info.pickup_point_id,
            )
            if not quote.can_carry:
                problems.append(
                    CheckoutProblem(
                        CheckoutProblemCode.DELIVERY_METHOD_NOT_AVAILABLE, producer_id=producer.pk
                    )
                )
        if not info.lines and not method.is_active:
            problems.append(CheckoutProblem(CheckoutProblemCode.DELIVERY_METHOD_NOT_AVAILABLE))
    point = info.pickup_point
    if point is not None and not point.is_active:
        problems.append(CheckoutProblem(CheckoutProblemCode.PICKUP_POINT_NOT_AVAILABLE))
    return problems


def checkout_problems(info: CheckoutInfo, *, check_stock: bool = True) -> list[CheckoutProblem]:
    """Everything that would stop completion now; an empty list means the checkout is ready.

    Stock is read without locks, so completion still re-checks it under lock.
    """
    return line_problems(info, check_stock=check_stock) + completion_problems(info)
