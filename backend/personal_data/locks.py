"""Row locks of personal-data services (the only `select_for_update` here).

Order: the account's row first, then the person's carts (through the warehouse's lock, in
token order, as checkout completion takes them), before any row a section changes; the person's
other rows change with plain UPDATEs (finished orders, reviews, roles), which no other service
locks in the opposite order. No other service locks account rows.
"""

from __future__ import annotations

from backend.accounts.models import User
from backend.checkout.models import Checkout
from backend.warehouse.locks import lock_checkouts_for_delete


def lock_user(user_id: int) -> User:
    """Raises User.DoesNotExist."""
    # NO KEY: an order being inserted for this account takes KEY SHARE on its row (the foreign
    # key); FOR UPDATE would wait for that insert while it waits for our cart lock (deadlock).
    return User.objects.select_for_update(of=("self",), no_key=True).get(pk=user_id)


def lock_carts(user: User) -> list[Checkout]:
    """The person's carts, locked as for deletion (waits for a checkout completing now)."""
    tokens = list(Checkout.objects.filter(user=user).values_list("pk", flat=True))
    return lock_checkouts_for_delete(tokens) if tokens else []
