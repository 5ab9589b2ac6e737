"""Every row lock of purchase requests and quotes: the only module here that calls
`select_for_update()`.

Order (after `backend.enterprises.locks`' enterprise row): purchase request → its quotes in
ascending primary key. Call inside the service's transaction.
"""

from __future__ import annotations

from backend.sourcing.models import PurchaseRequest, Quote


def lock_request(request_id: int) -> PurchaseRequest:
    """Raises PurchaseRequest.DoesNotExist."""
    return (
        PurchaseRequest.objects.select_related("enterprise")
        .select_for_update(of=("self",), no_key=True)
        .get(pk=request_id)
    )


def lock_quotes(request_id: int) -> list[Quote]:
    return list(
        Quote.objects.filter(request_id=request_id)
        .select_for_update(of=("self",), no_key=True)
        .order_by("pk")
    )
