"""Turn a checkout into an order, in one durable transaction (Saleor's `complete_checkout`,
Oscar's `OrderCreator`).

    validate (gateway) → lock the checkout row → re-read its lines and prices → refuse on
    problems → create order, sub-orders and lines (snapshots) → allocate stock (locks stock rows
    in pk order) → record the pending payment → delete the checkout → on commit, queue the
    order e-mail

The order stores the checkout token, so a repeated completion (a double click, a retried
request, two tabs) returns the order already made. A gateway that calls a payment provider
does it before this transaction, never while rows are locked.
"""

from __future__ import annotations

from functools import partial
from uuid import UUID

from django.db import transaction

from backend.accounts.models import User
from backend.checkout.errors import CheckoutNotReady, checkout_not_found
from backend.checkout.fetch import fetch_checkout_info
from backend.checkout.models import Checkout
from backend.checkout.pricing import calculate_checkout_totals
from backend.checkout.problems import checkout_problems
from backend.observability.metrics import counts_checkout_outcomes
from backend.orders.creation import create_order_from_checkout
from backend.orders.events import order_placed_event
from backend.orders.models import Order
from backend.orders.tasks import send_order_confirmation_email
from backend.payments.gateways import get_gateway
from backend.warehouse import locks
from backend.warehouse.allocation import allocate_stocks
from backend.warehouse.availability import StockRequest


def order_for_checkout(token: UUID) -> Order | None:
    return Order.objects.filter(checkout_token=token).first()


@counts_checkout_outcomes
def complete_checkout(checkout: Checkout, *, actor: User | None, gateway: str) -> Order:
    """Place the order for this checkout and return it (or the one a previous call placed).

    Raises `CheckoutNotReady` (problems to fix), `InsufficientStock` (every short line),
    `CheckoutError` not_found (no such checkout and no order from it) and `PaymentError`
    (unknown gateway). Nothing is written when it raises.
    """
    payment_gateway = get_gateway(gateway)
    existing = order_for_checkout(checkout.pk)
    if existing is not None:
        return existing
    with transaction.atomic(durable=True):
        locked = locks.lock_checkouts_for_delete([checkout.pk])
        if not locked:
            # Completed meanwhile by a concurrent call: its order is committed and visible now.
            existing = order_for_checkout(checkout.pk)
            if existing is not None:
                return existing
            raise checkout_not_found()
        info = fetch_checkout_info(locked[0])
        problems = checkout_problems(info, check_stock=False)
        if problems:
            raise CheckoutNotReady(problems)
        totals = calculate_checkout_totals(info)
        created = create_order_from_checkout(info, totals)
        order = created.order
        tracked = {li.line.variant_id for li in info.lines if li.variant.track_inventory}
        allocate_stocks(
            [
                StockRequest(line_id=line.pk, variant_id=line.variant_id, quantity=line.quantity)
                for line in created.lines
                if line.variant_id in tracked
            ],
            exclude_checkout_token=checkout.pk,
        )
        payment_gateway.create_payment(order)
        order_placed_event(
            order, actor=actor, gateway=payment_gateway.id, sub_orders=created.sub_orders
        )
        locked[0].delete()
        transaction.on_commit(partial(send_order_confirmation_email.delay, order.pk))
    return order
