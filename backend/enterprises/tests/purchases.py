"""Purchases for pledge and benefit-link tests, through the real services: a delivery under a
contract accepted in part, and consumer orders placed through checkout and paid offline."""

from __future__ import annotations

from decimal import Decimal

from backend.accounts.models import User
from backend.catalog.models import Channel, ProductVariant
from backend.checkout.tests.scenarios import make_courier, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.models import Order
from backend.payments.offline import confirm_offline_payment
from backend.procurement.deliveries import accept_delivery, schedule_delivery
from backend.procurement.models import ProcurementOrder
from backend.procurement.tests.scenarios import (
    DAY,
    Side,
    active_contract,
    contracted_variant,
    prices,
    ship,
)
from backend.producers.models import Producer

BANK = "offline.bank_transfer"


def accepted_delivery(
    channel: Channel, side: Side, producer: Producer, owner: User, *, units: int, accept: int
) -> ProcurementOrder:
    """A delivery of `units` 500 g bags at 6.17 (market 12.34/kg, floor 10.00), `accept` kept."""
    variant = contracted_variant(channel, producer, stock=units + 10)
    prices(variant, floor="10.00", market="12.34")
    contract = active_contract(side, producer, owner, variant, quantity=units)
    line = contract.lines.get()
    delivery = schedule_delivery(
        contract, actor=owner, delivery_date=DAY, quantities={line.pk: units}
    )
    ship(delivery, owner)
    (delivery_line,) = delivery.lines.all()
    accept_delivery(
        delivery,
        actor=side.buyer,
        accepted={delivery_line.pk: accept},
        reasons={delivery_line.pk: "受潮"} if accept < units else None,
    )
    delivery.refresh_from_db()
    return delivery


def personal_order(
    channel: Channel, user: User, variant: ProductVariant, quantity: int, *, paid: bool = True
) -> Order:
    checkout = ready_checkout(channel, [(variant, quantity)], method=make_courier(), user=user)
    order = complete_checkout(checkout, actor=user, gateway=BANK)
    if paid:
        confirm_offline_payment(order, actor=None)
        order.refresh_from_db()
    return order


def goods_value(order: Order) -> Decimal:
    return order.subtotal_amount
