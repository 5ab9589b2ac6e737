"""Demo orders of the demo customer, placed and handled through the real services, so the
admin and the storefront's order history show orders in every state an operator meets:

- awaiting a bank transfer (placed, unpaid);
- paid by bank transfer and confirmed by the operator, two producers, ready to ship;
- paid, shipped by both producers with carrier and tracking number, one part received;
- cash on delivery, confirmed by the operator before payment.

Each demo order is known by its recipient (the customer sends gifts to invented relatives), so
a second load finds it and places nothing again; one whose products have sold out meanwhile
is left out rather than failing the load. The services open durable transactions, so
this runs outside any other transaction (`can_place_orders`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.test import override_settings

from backend.accounts.models import User
from backend.catalog.models import Channel, ProductVariant
from backend.checkout.details import (
    update_checkout_delivery_method,
    update_checkout_shipping_address,
)
from backend.checkout.errors import CheckoutError, CheckoutNotReady
from backend.checkout.lines import LineInput, create_checkout
from backend.checkout.models import ShippingMethod
from backend.orders.complete_checkout import complete_checkout
from backend.orders.confirmation import confirm_order
from backend.orders.fulfilment import complete_sub_order, fulfil_sub_order
from backend.orders.models import Order
from backend.payments.offline import confirm_offline_payment
from backend.regions.models import Region
from backend.warehouse.errors import InsufficientStock

BANK = "offline.bank_transfer"
CASH = "offline.cash_on_delivery"
SHIPPING_METHOD = "standard"
COUNTY_CODE = "110105"  # 北京市朝阳区


@dataclass(frozen=True)
class Parcel:
    carrier: str
    tracking_number: str


@dataclass(frozen=True)
class DemoOrderDef:
    recipient: str
    mobile: str
    address_detail: str
    gateway: str
    lines: tuple[tuple[str, int], ...]  # (variant SKU, quantity)
    paid: bool = False
    confirmed: bool = False
    parcels: tuple[Parcel, ...] = ()  # one per sub-order, in producer order
    received: int = 0  # how many shipped sub-orders the buyer has received


DEMO_ORDERS = (
    DemoOrderDef(
        recipient="周晓舟",
        mobile="199 0000 1001",
        address_detail="望京街道花家地北里 3 号楼 2 单元 501",
        gateway=BANK,
        lines=(("yuanyang-terrace-red-rice-1", 2),),
    ),
    DemoOrderDef(
        recipient="周桂芳",
        mobile="199 0000 1002",
        address_detail="酒仙桥路 12 号院 6 号楼 302",
        gateway=BANK,
        lines=(("weiyuan-baitiao-dangshen-1", 1), ("chengxian-paper-shell-walnut-1", 2)),
        paid=True,
    ),
    DemoOrderDef(
        recipient="周建国",
        mobile="199 0000 1003",
        address_detail="南磨房乡双龙南里 21 号楼 1 单元 101",
        gateway=BANK,
        lines=(("wuxiang-yellow-millet-2", 1), ("enshi-yulu-green-tea-1", 1)),
        paid=True,
        parcels=(Parcel("中国邮政 EMS", "1187654321098"), Parcel("顺丰速运", "SF1400298765432")),
        received=1,
    ),
    DemoOrderDef(
        recipient="李小梅",
        mobile="199 0000 1004",
        address_detail="三间房乡定福庄西街 5 号 4 层",
        gateway=CASH,
        lines=(("hani-embroidered-keyring-1", 3),),
        confirmed=True,
    ),
)


def can_place_orders() -> bool:
    """Services open durable transactions: possible at the top level (and inside a test case's
    transaction), not inside another atomic block such as a test module's shared load."""
    blocks = connection.atomic_blocks
    return not blocks or bool(getattr(blocks[-1], "_from_testcase", False))


def _place(
    definition: DemoOrderDef,
    *,
    customer: User,
    channel: Channel,
    method: ShippingMethod,
    county: Region,
    variants: dict[str, ProductVariant],
) -> Order:
    checkout = create_checkout(
        channel=channel,
        actor=customer,
        user=customer,
        lines=[LineInput(variants[sku].pk, quantity) for sku, quantity in definition.lines],
    )
    update_checkout_shipping_address(
        checkout,
        recipient_name=definition.recipient,
        mobile=definition.mobile,
        county_id=county.pk,
        address_detail=definition.address_detail,
        actor=customer,
    )
    update_checkout_delivery_method(checkout, method.pk, actor=customer)
    return complete_checkout(checkout, actor=customer, gateway=definition.gateway)


def _handle(order: Order, definition: DemoOrderDef, *, customer: User, operator: User) -> None:
    """What happened after the order was placed: payment, confirmation, parcels, receipt."""
    if definition.paid:
        confirm_offline_payment(order, actor=operator)
    if definition.confirmed:
        confirm_order(order, actor=operator)
    sub_orders = list(order.sub_orders.order_by("producer__name", "pk"))
    for sub_order, parcel in zip(sub_orders, definition.parcels, strict=False):
        fulfil_sub_order(
            sub_order,
            actor=operator,
            carrier=parcel.carrier,
            tracking_number=parcel.tracking_number,
        )
    for sub_order in sub_orders[: definition.received]:
        complete_sub_order(sub_order, actor=customer)


def load_demo_orders(
    channel: Channel,
    *,
    customer: User | None,
    operator: User | None,
    definitions: Sequence[DemoOrderDef] = DEMO_ORDERS,
) -> list[Order]:
    """Place the demo orders the customer does not have yet; returns every demo order."""
    if customer is None or operator is None:
        return []
    skus = {sku for definition in definitions for sku, _ in definition.lines}
    variants = ProductVariant.objects.in_bulk(list(skus), field_name="sku")
    missing = skus - set(variants)
    if missing:
        raise LookupError(f"demo orders need variants that are not loaded: {sorted(missing)}")
    method = ShippingMethod.objects.get(slug=SHIPPING_METHOD)
    county = Region.objects.get(code=COUNTY_CODE)
    existing = {
        order.recipient_name: order
        for order in Order.objects.filter(
            user=customer, recipient_name__in=[d.recipient for d in definitions]
        )
    }
    orders = []
    # The order e-mails of invented buyers go nowhere (kept in memory), whatever the backend.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for definition in definitions:
            order = existing.get(definition.recipient)
            if order is None:
                try:
                    order = _place(
                        definition,
                        customer=customer,
                        channel=channel,
                        method=method,
                        county=county,
                        variants=variants,
                    )
                except (CheckoutError, CheckoutNotReady, InsufficientStock):
                    continue  # its products sold out meanwhile: this demo order is left out
                _handle(order, definition, customer=customer, operator=operator)
            orders.append(order)
    return orders
