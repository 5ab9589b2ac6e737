"""Real transactions in real threads on PostgreSQL: an account deleted while its own checkout
completes. Either the order is placed and the deletion is refused (the order is in flight), or
the account is deleted and the checkout finds its cart gone — never an order left behind with
the deleted person's name and address.

`available_apps` keeps the flush after each test to these apps' tables, so the official regions
loaded once per session survive for the tests that run after these.
"""

from __future__ import annotations

import pytest

from backend.catalog.tests.factories import ChannelFactory
from backend.checkout.errors import CheckoutError
from backend.checkout.tests.scenarios import listed_variant, make_courier, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.models import Order
from backend.orders.tests.test_concurrency import run_in_threads
from backend.personal_data.erasure import delete_account
from backend.personal_data.errors import AccountDeletionBlocked
from backend.personal_data.registry import ERASED_NAME
from backend.personal_data.tests.scenarios import new_user
from backend.reviews.tests.test_concurrency import AVAILABLE_APPS

real_transactions = pytest.mark.django_db(
    transaction=True,
    available_apps=[
        *AVAILABLE_APPS,
        "backend.sellers",
        "backend.verification",
        "backend.stories",
        "backend.enterprises",
        "backend.procurement",
        "backend.programme",
        "axes",
    ],
)


@real_transactions
@pytest.mark.parametrize("first", ["checkout", "deletion"])
def test_delete_account_while_its_checkout_completes_never_leaves_personal_data(first: str):
    # given
    channel = ChannelFactory.create()
    buyer = new_user(name="同时下单的人", email="racing@example.test")
    variant = listed_variant(channel, stock=5)
    checkout = ready_checkout(channel, [(variant, 1)], method=make_courier(), user=buyer)
    jobs = {
        "checkout": lambda: complete_checkout(
            checkout, actor=buyer, gateway="offline.cash_on_delivery"
        ),
        "deletion": lambda: delete_account(buyer, actor=buyer),
    }
    order = ["checkout", "deletion"] if first == "checkout" else ["deletion", "checkout"]

    # when
    results = dict(zip(order, run_in_threads([jobs[name] for name in order]), strict=True))

    # then
    completed, deleted = results["checkout"], results["deletion"]
    if deleted[0] == "ok":
        assert completed[0] == "error"
        assert isinstance(completed[1], CheckoutError)
        assert not Order.objects.exclude(recipient_name=ERASED_NAME).filter(user=buyer).exists()
    else:
        assert isinstance(deleted[1], AccountDeletionBlocked)
        assert completed[0] == "ok"
        buyer.refresh_from_db()
        assert buyer.is_active
