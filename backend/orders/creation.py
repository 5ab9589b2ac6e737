"""Build an order from a priced checkout: the order, one sub-order per producer, and lines that
snapshot names, SKU, prices and the beneficiary. Runs inside `complete_checkout`'s transaction;
three INSERTs whatever the number of lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backend.checkout.fetch import CheckoutInfo
from backend.checkout.pricing import CheckoutTotals
from backend.checkout.variant_facts import beneficiary_household_ref
from backend.orders.models import Order, OrderLine, OrderStatus, SubOrder
from backend.zone.attribution import record_campaign_order_lines


def _pickup_point_snapshot(info: CheckoutInfo) -> dict[str, Any]:
    point = info.pickup_point
    if point is None:
        return {}
    return {
        "pickup_point": point,
        "pickup_point_name": point.name,
        "pickup_point_address": point.full_address,
        "pickup_point_hours": point.opening_hours,
        "pickup_point_phone": point.contact_phone,
    }


def _order_from(info: CheckoutInfo, totals: CheckoutTotals) -> Order:
    checkout = info.checkout
    county = checkout.shipping_county
    province = checkout.shipping_province
    city = checkout.shipping_city
    if county is None or province is None or info.delivery_method is None:
        raise ValueError("complete_checkout checks the address and delivery method first")
    return Order(
        checkout_token=checkout.pk,
        user=checkout.user,
        email=checkout.email or (checkout.user.email if checkout.user else "") or "",
        channel=info.channel,
        status=OrderStatus.UNCONFIRMED,
        recipient_name=checkout.recipient_name,
        mobile=checkout.mobile,
        region_code=county.code or "",
        province_name=province.name,
        city_name=city.name if city else "",
        county_name=county.name,
        address_detail=checkout.address_detail,
        shipping_method_name=info.delivery_method.name,
        **_pickup_point_snapshot(info),
        currency=totals.currency,
        subtotal_amount=totals.subtotal.amount,
        shipping_amount=totals.shipping.amount,
        total_amount=totals.total.amount,
    )


@dataclass(frozen=True)
class CreatedOrder:
    order: Order
    sub_orders: list[SubOrder]
    lines: list[OrderLine]


def create_order_from_checkout(info: CheckoutInfo, totals: CheckoutTotals) -> CreatedOrder:
    order = _order_from(info, totals)
    order.save()
    sub_orders = SubOrder.objects.bulk_create(
        [
            SubOrder(
                order=order,
                producer=parcel.producer,
                status=OrderStatus.UNCONFIRMED,
                currency=totals.currency,
                subtotal_amount=parcel.subtotal.amount,
                shipping_amount=parcel.shipping.amount,
                total_amount=parcel.total.amount,
                weight_grams=parcel.weight_grams,
                needs_cold_chain=parcel.needs_cold_chain,
            )
            for parcel in totals.parcels
        ]
    )
    lines = []
    sold = []  # (priced line, order line) pairs, for campaign attribution
    for parcel, sub_order in zip(totals.parcels, sub_orders, strict=True):
        for priced in parcel.lines:
            line_info = priced.info
            lines.append(
                OrderLine(
                    order=order,
                    sub_order=sub_order,
                    variant=line_info.variant,
                    producer=line_info.producer,
                    beneficiary_household_ref=beneficiary_household_ref(
                        line_info.producer.kind, line_info.facts
                    ),
                    product_name=line_info.product.name,
                    variant_name=line_info.variant.name,
                    product_sku=line_info.variant.sku or "",
                    quantity=line_info.line.quantity,
                    currency=totals.currency,
                    unit_price_amount=priced.unit_price.amount,
                    total_price_amount=priced.total.amount,
                    weight_grams=line_info.unit_weight_grams,
                    is_fresh=line_info.facts.is_fresh,
                )
            )
            sold.append((priced, lines[-1]))
    OrderLine.objects.bulk_create(lines)
    record_campaign_order_lines(sold)  # lines bought through a live campaign (zone)
    return CreatedOrder(order=order, sub_orders=sub_orders, lines=lines)
