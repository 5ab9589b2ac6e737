"""The delivery parts of the buyer's order page: the pickup point the order goes to and each
parcel's status updates (timeline)."""

from __future__ import annotations

from backend.delivery.models import DeliveryStatus
from backend.orders.models import Order, SubOrder
from storefront.checkout_shapes import DeliveryStep, PickupPointLines


def delivery_timeline(sub_order: SubOrder) -> list[DeliveryStep]:
    """The sub-order's updates, oldest first (prefetched by `get_order_for_page`)."""
    return [
        DeliveryStep(
            status=str(DeliveryStatus(update.status).label),
            recorded_at=update.recorded_at,
            place=update.pickup_point_name,
            note=update.note,
        )
        for update in sub_order.delivery_updates.all()
    ]


def order_pickup_point(order: Order) -> PickupPointLines | None:
    """The order's pickup point as it was when the order was placed."""
    if not order.pickup_point_name:
        return None
    return PickupPointLines(
        name=order.pickup_point_name,
        full_address=order.pickup_point_address,
        opening_hours=order.pickup_point_hours,
        phone=order.pickup_point_phone,
    )
