"""Which order lines a buyer may review: a small policy, overridable in one place.

"Delivered" in this codebase is the sub-order status `completed`: the buyer (or an operator
for them) marked the producer's parcel received (`backend.orders.fulfilment.complete_sub_order`).
Order lines have no delivery state of their own; `fulfilled` only means the producer sent it.
A line is reviewable when it is the buyer's own (the order's account), its sub-order is
delivered, at least one unit was shipped, the product still exists, and it has no review yet.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from backend.accounts.models import User
from backend.orders.models import OrderLine, OrderStatus
from backend.reviews.models import ProductReview


class ReviewEligibilityPolicy:
    delivered_statuses: frozenset[str] = frozenset({OrderStatus.COMPLETED})

    def delivered_lines_for(self, buyer: User) -> QuerySet[OrderLine]:
        """The buyer's delivered lines of products that still exist (reviewed or not)."""
        if not buyer.is_authenticated or buyer.pk is None:
            return OrderLine.objects.none()
        return OrderLine.objects.filter(
            order__user_id=buyer.pk,
            sub_order__status__in=sorted(self.delivered_statuses),
            quantity_fulfilled__gt=0,
            variant__isnull=False,
        )

    def reviewable_lines_for(self, buyer: User) -> QuerySet[OrderLine]:
        reviewed = ProductReview.objects.filter(order_line_id=OuterRef("pk"))
        return self.delivered_lines_for(buyer).filter(~Exists(reviewed))


eligibility_policy = ReviewEligibilityPolicy()
