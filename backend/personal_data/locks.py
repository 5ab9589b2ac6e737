"""Row locks of personal-data services (the only `select_for_update` here).

Order: the account's row first, before any row a section changes; a deletion takes only this
lock, then changes the person's rows with plain UPDATEs (finished orders, reviews, roles), which
no other service locks in the opposite order.
"""

from __future__ import annotations

from backend.accounts.models import User


def lock_user(user_id: int) -> User:
    """Raises User.DoesNotExist."""
    return User.objects.select_for_update(of=("self",)).get(pk=user_id)
