from __future__ import annotations

import pytest

from backend.accounts.tests.factories import UserFactory
from backend.checkout.tests.scenarios import (
    listed_variant,
    make_courier,
    new_producer,
    ready_checkout,
)
from backend.orders.complete_checkout import complete_checkout
from backend.payments.offline import confirm_offline_payment


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Evidence and uploaded pictures go to a folder of the test, never the data dir."""
    settings.VERIFICATION_EVIDENCE_ROOT = tmp_path / "private-evidence"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def seller(db):  # type: ignore[no-untyped-def]
    return UserFactory(name="卖家甲")


@pytest.fixture
def shop(seller):  # type: ignore[no-untyped-def]
    return new_producer(owner=seller, name="甲的店")


@pytest.fixture
def place_paid_order(channel, shop):  # type: ignore[no-untyped-def]
    """Buy from `shop` (and optionally another producer) through the real services."""
    courier = make_courier()

    def place(*, other_producer=None, quantity: int = 2):  # type: ignore[no-untyped-def]
        lines = [(listed_variant(channel, producer=shop, price="30.00"), quantity)]
        if other_producer is not None:
            lines.append((listed_variant(channel, producer=other_producer), 1))
        order = complete_checkout(
            ready_checkout(channel, lines, method=courier),
            actor=None,
            gateway="offline.bank_transfer",
        )
        confirm_offline_payment(order, actor=None)
        return order

    return place
