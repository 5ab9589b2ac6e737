"""Ledger rows for eligibility tests, written as checkout and procurement leave them (orders,
sub-orders and lines that satisfy every constraint), so figures can be exact to the cent.
The flow through the real checkout and procurement services is covered in test_flows.py."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from backend.catalog.tests.factories import ChannelFactory
from backend.enterprises.models import Enterprise
from backend.orders.models import Order, OrderLine, OrderStatus, PaymentStatus, SubOrder
from backend.procurement.models import (
    LinePriceRule,
    ProcurementOrder,
    ProcurementOrderLine,
    ProcurementOrderStatus,
)
from backend.producers.models import Producer

_numbers = itertools.count(1)


def moment(year: int, month: int = 6, day: int = 15) -> datetime.datetime:
    return datetime.datetime(year, month, day, 10, 0, tzinfo=timezone.get_default_timezone())


def _order(amount: Decimal, when: datetime.datetime, payment_status: str, status: str) -> Order:
    return Order.objects.create(
        channel=ChannelFactory.create(),
        status=status,
        payment_status=payment_status,
        recipient_name="顾客",
        mobile="13800000000",
        province_name="甘肃省",
        county_name="渭源县",
        address_detail="城关镇1号",
        shipping_method_name="快递",
        subtotal_amount=amount,
        shipping_amount=Decimal("0"),
        total_amount=amount,
        created_at=when,
    )


def shop_sale(
    producer: Producer,
    amount: str | Decimal,
    *,
    when: datetime.datetime,
    household_ref: str = "",
    payment_status: str = PaymentStatus.FULLY_CHARGED,
    status: str = OrderStatus.COMPLETED,
    refunded: str | Decimal = "0",
    shipping: str | Decimal = "0",
) -> SubOrder:
    """One paid shop order of one line of `amount` (goods), plus `shipping`."""
    goods = Decimal(amount)
    postage = Decimal(shipping)
    order = _order(goods, when, payment_status, status)
    order.shipping_amount = postage
    order.total_amount = goods + postage
    order.save(update_fields=["shipping_amount", "total_amount"])
    sub_order = SubOrder.objects.create(
        order=order,
        producer=producer,
        status=status,
        subtotal_amount=goods,
        shipping_amount=postage,
        total_amount=goods + postage,
        refunded_amount=Decimal(refunded),
    )
    OrderLine.objects.create(
        order=order,
        sub_order=sub_order,
        producer=producer,
        beneficiary_household_ref=household_ref,
        product_name="党参",
        quantity=1,
        unit_price_amount=goods,
        total_price_amount=goods,
    )
    return sub_order


def procurement_sale(
    enterprise: Enterprise,
    producer: Producer,
    amount: str | Decimal,
    *,
    when: datetime.datetime,
    accepted: str | Decimal | None = None,
    household_ref: str = "",
) -> ProcurementOrderLine:
    """A checked delivery of one line worth `amount`, of which `accepted` (default all) kept."""
    value = Decimal(amount)
    kept = value if accepted is None else Decimal(accepted)
    order = _order(value, when, PaymentStatus.NOT_CHARGED, OrderStatus.FULFILLED)
    sub_order = SubOrder.objects.create(
        order=order,
        producer=producer,
        status=OrderStatus.FULFILLED,
        subtotal_amount=value,
        total_amount=value,
    )
    line = OrderLine.objects.create(
        order=order,
        sub_order=sub_order,
        producer=producer,
        beneficiary_household_ref=household_ref,
        product_name="马铃薯",
        quantity=1,
        quantity_fulfilled=1,
        unit_price_amount=value,
        total_price_amount=value,
    )
    number = next(_numbers)
    delivery = ProcurementOrder.objects.create(
        number=f"TEST-{number:06d}",
        enterprise=enterprise,
        producer=producer,
        order=order,
        status=ProcurementOrderStatus.ACCEPTED,
        delivery_date=when.date(),
        total_amount=value,
        accepted_amount=kept,
        created_at=when,
    )
    return ProcurementOrderLine.objects.create(
        procurement_order=delivery,
        order_line=line,
        enterprise=enterprise,
        producer=producer,
        beneficiary_household_ref=household_ref,
        product_name="马铃薯",
        unit_weight_grams=1000,
        quantity=1,
        quantity_accepted=1 if kept else 0,
        price_rule=LinePriceRule.QUOTED,
        market_amount_per_kg=value,
        settlement_amount_per_kg=value,
        unit_price_amount=value,
        total_price_amount=value,
        accepted_amount=kept,
        created_at=when,
    )
