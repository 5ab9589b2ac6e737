"""Who may record which delivery status update on a sub-order (the one place that answers it).

- **the shop's people** — the owner, members and helpers whose scope allows fulfilling orders
  (`SellerAction.FULFIL_ORDERS` through `seller_policy`): `dispatched`, and `dropped_off` at a
  pickup point (where the seller hands the parcel to the courier);
- **the pickup point's staff** — live `PickupPointStaff` of the point the buyer chose for the
  order: `at_pickup_point` and `collected`;
- **the buyer** — the order's customer: `delivered` (received at the door), through
  `confirm_received`;
- anyone else, operators included: nothing (operators use the admin). A sub-order the user has
  no role on is "not found", exactly like one that does not exist.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from backend.accounts.models import User
from backend.delivery.models import DeliveryStatus, PickupPointStaff
from backend.orders.models import SubOrder
from backend.sellers.permissions import SellerAction, seller_policy

SELLER_STATUSES = frozenset({DeliveryStatus.DISPATCHED, DeliveryStatus.DROPPED_AT_PICKUP_POINT})
STAFF_STATUSES = frozenset({DeliveryStatus.AT_PICKUP_POINT, DeliveryStatus.COLLECTED})
BUYER_STATUSES = frozenset({DeliveryStatus.DELIVERED})


def _acting(user: User | AnonymousUser | None) -> User | None:
    if user is None or not user.is_authenticated or not user.is_active or user.pk is None:
        return None
    return user  # type: ignore[return-value]


def staff_q(user: User, point_ref: str = "order__pickup_point_id") -> Q:
    return Q(
        Exists(
            PickupPointStaff.objects.filter(
                pickup_point_id=OuterRef(point_ref),
                pickup_point__is_active=True,
                user_id=user.pk,
                removed_at__isnull=True,
            )
        )
    )


class DeliveryUpdatePolicy:
    def sub_orders_for_staff(self, user: User | AnonymousUser | None) -> QuerySet[SubOrder]:
        """Sub-orders bound for a pickup point where the user works."""
        acting = _acting(user)
        if acting is None:
            return SubOrder.objects.none()
        return SubOrder.objects.filter(staff_q(acting))

    def allowed_statuses(
        self, user: User | AnonymousUser | None, sub_order: SubOrder
    ) -> frozenset[str]:
        acting = _acting(user)
        if acting is None:
            return frozenset()
        allowed: set[str] = set()
        if seller_policy.user_has_permission_for_instance(
            acting, SellerAction.FULFIL_ORDERS, sub_order.producer
        ):
            allowed |= SELLER_STATUSES
        if self.sub_orders_for_staff(acting).filter(pk=sub_order.pk).exists():
            allowed |= STAFF_STATUSES
        if sub_order.order.user_id == acting.pk:
            allowed |= BUYER_STATUSES
        return frozenset(allowed)


delivery_update_policy = DeliveryUpdatePolicy()
