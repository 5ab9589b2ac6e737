"""Row locks of the sellers domain: the only module here that calls `select_for_update()`.

Lock order (global, see backend/warehouse/locks.py): the seller (Producer) row first, then its
helper grants / confirmation requests in ascending primary key. Services lock the seller row
when they check an invariant across rows (the last owner, one active grant per helper).
"""

from __future__ import annotations

from backend.producers.models import Producer
from backend.sellers.models import ConfirmationRequest, HelperGrant


def lock_seller(seller_id: int) -> Producer:
    return Producer.objects.select_for_update(of=("self",), no_key=True).get(pk=seller_id)


def lock_helper_grant(grant_id: int, *, seller_id: int) -> HelperGrant:
    """Raises HelperGrant.DoesNotExist for a missing grant and for another seller's."""
    return (
        HelperGrant.objects.select_related("helper", "seller")
        .select_for_update(of=("self",), no_key=True)
        .get(pk=grant_id, seller_id=seller_id)
    )


def lock_confirmation_request(request_id: int, *, seller_id: int) -> ConfirmationRequest:
    return (
        ConfirmationRequest.objects.select_related("seller", "requested_by")
        .select_for_update(of=("self",), no_key=True)
        .get(pk=request_id, seller_id=seller_id)
    )
