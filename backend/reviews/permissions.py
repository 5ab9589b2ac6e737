"""Who may do what with reviews: one policy in Wagtail's shape, built on the seller policy.

The seller policy (`backend.sellers.permissions`) is not extended with new actions: each review
action here names the seller action whose holders may take it, so owners, co-owners, helpers
and operators keep exactly the rules that policy already states and tests.

- reading the shop's reviews, answering one, reporting one: whoever may manage the shop's
  products (owner, co-owner, a helper with the "products" or "all" scope);
- moderating (hide, restore): an operator whose regions cover the shop, never on a shop they
  own or help (as verification reviews), or a superuser.

Buyers are not in this policy: whether a buyer may review an order line is
`backend.reviews.eligibility`.
"""

from __future__ import annotations

import enum

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from backend.accounts.models import User
from backend.producers.models import Producer
from backend.reviews.models import ProductReview
from backend.sellers.permissions import SellerAction, SellerOwnedPolicy, seller_policy


class ReviewAction(enum.StrEnum):
    VIEW_SHOP_REVIEWS = "view_shop_reviews"
    ANSWER = "answer"
    REPORT = "report"
    MODERATE = "moderate"


SELLER_ACTION_FOR: dict[ReviewAction, SellerAction] = {
    ReviewAction.VIEW_SHOP_REVIEWS: SellerAction.MANAGE_PRODUCTS,
    ReviewAction.ANSWER: SellerAction.MANAGE_PRODUCTS,
    ReviewAction.REPORT: SellerAction.MANAGE_PRODUCTS,
    # operators of the shop's region, excluding shops they belong to
    ReviewAction.MODERATE: SellerAction.REVIEW_VERIFICATION,
}


class ReviewPolicy:
    model = ProductReview

    def __init__(self) -> None:
        self._rows = SellerOwnedPolicy(ProductReview, seller_field="producer")

    def shops_for(
        self, user: User | AnonymousUser | None, action: ReviewAction
    ) -> QuerySet[Producer]:
        return seller_policy.instances_for(user, SELLER_ACTION_FOR[action])

    def instances_for(
        self, user: User | AnonymousUser | None, action: ReviewAction
    ) -> QuerySet[ProductReview]:
        return self._rows.instances_for(user, SELLER_ACTION_FOR[action])

    def user_has_permission(self, user: User | AnonymousUser | None, action: ReviewAction) -> bool:
        return self.shops_for(user, action).exists()

    def user_has_permission_for_instance(
        self, user: User | AnonymousUser | None, action: ReviewAction, instance: ProductReview
    ) -> bool:
        if instance.pk is None:
            return False
        return self.instances_for(user, action).filter(pk=instance.pk).exists()


review_policy = ReviewPolicy()
