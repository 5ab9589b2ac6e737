"""Status updates of a parcel on its way: the one service that records them.

    seller (owner, member, helper with the orders scope): dispatched; dropped off at a pickup
        point (the seller's chosen point, where couriers take parcels)
    staff of the buyer's pickup point: ready at the pickup point; collected
    the buyer: received at the door (`confirm_received`)

`collected` and `delivered` mark the sub-order received (completed) and delivered
(`SubOrder.delivered_at`, see `backend.delivery.delivered`). Each update is one row in
`DeliveryUpdate` and one audit row, in the same transaction. Order: validate → lock the order
and its sub-orders (`warehouse.locks`) → re-read → check status and permission → write.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.delivery.errors import DeliveryError, DeliveryErrorCode
from backend.delivery.events import delivery_update_recorded_event
from backend.delivery.models import (
    DELIVERED_STATUSES,
    DeliveryStatus,
    DeliveryUpdate,
    PickupPoint,
)
from backend.delivery.permissions import SELLER_STATUSES, delivery_update_policy
from backend.orders.fulfilment import mark_received
from backend.orders.models import Fulfillment, Order, OrderStatus, SubOrder
from backend.warehouse import locks

SHIPPED = frozenset({OrderStatus.PARTIALLY_FULFILLED, OrderStatus.FULFILLED})
NOTE_MAX = 200


def _not_found() -> DeliveryError:
    return DeliveryError(
        DeliveryErrorCode.NOT_FOUND, _("This order does not exist."), field="sub_order"
    )


def _check_state(sub_order: SubOrder, status: str) -> None:
    if sub_order.delivered_at is not None or sub_order.status == OrderStatus.COMPLETED:
        raise DeliveryError(
            DeliveryErrorCode.ALREADY_DELIVERED,
            _("This parcel has already reached the buyer."),
            field="status",
        )
    if status in DELIVERED_STATUSES:
        if sub_order.status != OrderStatus.FULFILLED:
            raise DeliveryError(
                DeliveryErrorCode.NOT_SHIPPED,
                _("Everything in this order must be sent before it can be handed over."),
                field="status",
            )
    elif sub_order.status not in SHIPPED:
        raise DeliveryError(
            DeliveryErrorCode.NOT_SHIPPED,
            _("Record the shipment first (carrier and tracking number)."),
            field="status",
        )


def record_delivery_update(
    sub_order: SubOrder,
    *,
    actor: User,
    status: str,
    pickup_point: PickupPoint | None = None,
    note: str = "",
) -> DeliveryUpdate:
    """Record one step; raises `DeliveryError` (nothing written) when the actor may not record
    this status here, the parcel is not at that stage, or a drop-off names no open point."""
    if status not in DeliveryStatus.values:
        raise DeliveryError(DeliveryErrorCode.INVALID, _("Choose a status."), field="status")
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise DeliveryError(
            DeliveryErrorCode.INVALID, _("Keep the note to 200 characters."), field="note"
        )
    if status == DeliveryStatus.DROPPED_AT_PICKUP_POINT and (
        pickup_point is None or not pickup_point.is_active
    ):
        raise DeliveryError(
            DeliveryErrorCode.PICKUP_POINT_REQUIRED,
            _("Choose the pickup point where you left the parcel."),
            field="pickup_point",
        )
    with transaction.atomic(durable=True):
        try:
            order = locks.lock_order(sub_order.order_id)
        except Order.DoesNotExist:
            raise _not_found() from None
        sub_orders = locks.lock_sub_orders(order.pk)
        locked = next((s for s in sub_orders if s.pk == sub_order.pk), None)
        if locked is None:
            raise _not_found()
        locked.order = order
        allowed = delivery_update_policy.allowed_statuses(actor, locked)
        if not allowed:
            raise _not_found()
        if status not in allowed:
            raise DeliveryError(
                DeliveryErrorCode.STATUS_NOT_ALLOWED,
                _("You cannot record this step for this parcel."),
                field="status",
            )
        _check_state(locked, status)
        point = pickup_point if status == DeliveryStatus.DROPPED_AT_PICKUP_POINT else None
        if status in (DeliveryStatus.AT_PICKUP_POINT, DeliveryStatus.COLLECTED):
            point = order.pickup_point
        update = DeliveryUpdate.objects.create(
            sub_order=locked,
            fulfillment=Fulfillment.objects.filter(sub_order_id=locked.pk).order_by("-pk").first(),
            status=status,
            pickup_point=point,
            pickup_point_name=point.name if point is not None else "",
            note=note,
            recorded_by=actor,
        )
        if status in DELIVERED_STATUSES:
            mark_received(locked, order=order, sub_orders=sub_orders, actor=actor)
        producer = locked.producer
        delivery_update_recorded_event(
            update,
            actor=actor,
            seller=producer,
            on_behalf_of=producer.owner if status in SELLER_STATUSES else None,
        )
    return update


def confirm_received(sub_order: SubOrder, *, actor: User) -> DeliveryUpdate:
    """The buyer has the parcel (at the door): completed, delivered, on the timeline."""
    return record_delivery_update(sub_order, actor=actor, status=DeliveryStatus.DELIVERED)
