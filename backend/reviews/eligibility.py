"""Which order lines a buyer may review: a small policy, overridable in one place.

"Delivered" is what `backend.delivery.delivered` says: the line's sub-order has a
`delivered_at` (set once, when the buyer or an operator marks it received, or when the carrier
or pickup point records it collected or delivered); a later refund does not undo it. Order
lines have no delivery state of their own; `fulfilled` only means the producer sent it.
A line is reviewable when it is the buyer's own (the order's account), its sub-order is
delivered, at least one unit was shipped, the product still exists, and it has no review yet.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from backend.accounts.models import User
from backend.delivery.delivered import delivered_order_lines
from backend.orders.models import OrderLine
from backend.reviews.models import ProductReview


class ReviewEligibilityPolicy:
    def delivered_lines_for(self, buyer: User) -> QuerySet[OrderLine]:
        """The buyer's delivered lines of products that still exist (reviewed or not)."""
        if not buyer.is_authenticated or buyer.pk is None:
            return OrderLine.objects.none()
        return delivered_order_lines().filter(
            order__user_id=buyer.pk, quantity_fulfilled__gt=0, variant__isnull=False
        )

    def reviewable_lines_for(self, buyer: User) -> QuerySet[OrderLine]:
        reviewed = ProductReview.objects.filter(order_line_id=OuterRef("pk"))
        return self.delivered_lines_for(buyer).filter(~Exists(reviewed))


eligibility_policy = ReviewEligibilityPolicy()
