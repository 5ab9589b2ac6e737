"""Delivery scenarios built through the real services: pickup points, a paid order sent to a
pickup point, shipped parcels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from backend.accounts.models import User
from backend.catalog.models import Channel, ProductVariant
from backend.checkout.details import update_checkout_pickup_point, update_checkout_shipping_address
from backend.checkout.lines import LineInput, create_checkout
from backend.checkout.models import Checkout, ShippingMethod
from backend.checkout.tests.factories import shipping_address
from backend.delivery.models import PickupPoint
from backend.delivery.tests.factories import PickupPointFactory
from backend.orders.complete_checkout import complete_checkout
from backend.orders.fulfilment import fulfil_sub_order
from backend.orders.models import Order, SubOrder
from backend.payments.offline import confirm_offline_payment

WEIYUAN = "621123"  # 甘肃 定西 渭源县
LONGXI = "621122"  # 甘肃 定西 陇西县 (same city)
CHENGXIAN = "621221"  # 甘肃 陇南 成县 (another city)


def new_point(*, couriers: Sequence[ShippingMethod] = (), **kwargs: Any) -> PickupPoint:
    return cast(PickupPoint, PickupPointFactory(couriers=list(couriers), **kwargs))


def checkout_to_point(
    channel: Channel,
    lines: Sequence[tuple[ProductVariant, int]],
    point: PickupPoint,
    *,
    county_code: str = WEIYUAN,
    user: User | None = None,
) -> Checkout:
    checkout = create_checkout(
        channel=channel,
        actor=user,
        user=user,
        email="" if user else "buyer@example.test",
        lines=[LineInput(variant.pk, quantity) for variant, quantity in lines],
    )
    update_checkout_shipping_address(checkout, **shipping_address(county_code), actor=user)
    return update_checkout_pickup_point(checkout, point.pk, actor=user)


def paid_order(checkout: Checkout, *, user: User | None = None) -> Order:
    order = complete_checkout(checkout, actor=user, gateway="offline.bank_transfer")
    confirm_offline_payment(order, actor=None)
    return order


def shipped(sub_order: SubOrder) -> SubOrder:
    fulfil_sub_order(sub_order, actor=None, carrier="中国邮政", tracking_number="PO123")
    sub_order.refresh_from_db()
    return sub_order
