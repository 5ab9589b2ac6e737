"""Orders placed through the domain services, for the account and order API tests."""

from __future__ import annotations

from backend.accounts.models import User
from backend.catalog.models import Channel
from backend.checkout.models import ShippingMethod
from backend.checkout.tests.scenarios import listed_variant, new_producer, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.models import Order

BANK = "offline.bank_transfer"


def place_order(
    channel: Channel, courier: ShippingMethod, user: User | None, *, lines: int = 2
) -> Order:
    """An order of `lines` lines from two producers, placed by `user` (or a guest)."""
    farms = [new_producer(), new_producer()]
    variants = [
        listed_variant(channel, producer=farms[i % 2], price="20.00", stock=20)
        for i in range(lines)
    ]
    checkout = ready_checkout(channel, [(v, 1) for v in variants], method=courier, user=user)
    return complete_checkout(checkout, actor=user, gateway=BANK)
