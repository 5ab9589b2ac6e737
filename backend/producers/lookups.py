"""Tenant-scoped reads of producers (Zulip's access_x pattern).

A user reaches the shops they own (`Producer.owner` or a seller membership) and the shops they
help through an active helper grant; "not yours" and "does not exist" look the same
(Producer.DoesNotExist). The rules live in `backend.sellers.permissions.SellerPolicy`; this
module keeps the names the rest of the code calls.
"""

from __future__ import annotations

from django.db.models import QuerySet

from backend.accounts.models import User
from backend.producers.models import Producer
from backend.sellers.permissions import SellerAction, seller_policy


def producers_for_actor(
    actor: User, action: SellerAction = SellerAction.VIEW_SHOP
) -> QuerySet[Producer]:
    """Shops `actor` may take `action` on (by default: the shops they own or help)."""
    return seller_policy.instances_for(actor, action)


def get_producer_for_actor(producer_id: int, actor: User, *, for_write: bool) -> Producer:
    """The shop, for reading (owner or any helper) or for changing its profile (owner, or a
    helper whose scope is "all"). Raises Producer.DoesNotExist for missing and forbidden."""
    action = SellerAction.EDIT_SHOP if for_write else SellerAction.VIEW_SHOP
    return producers_for_actor(actor, action).get(pk=producer_id)
