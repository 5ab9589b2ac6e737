"""How many reviews one account may write in a period: a small policy read from the database.

Counting the account's own review rows (indexed by author and time) needs no cache and is
exact across processes; the check runs inside the creating transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.reviews.errors import ReviewError, ReviewErrorCode
from backend.reviews.models import ProductReview


@dataclass(frozen=True)
class ReviewRateLimitPolicy:
    max_reviews: int = 5
    period: timedelta = timedelta(hours=1)

    def check(self, author: User) -> None:
        """Raise `ReviewError(RATE_LIMITED)` when `author` already wrote `max_reviews` within
        the period."""
        since = timezone.now() - self.period
        recent = ProductReview.objects.filter(author_id=author.pk, created_at__gte=since).count()
        if recent >= self.max_reviews:
            raise ReviewError(
                ReviewErrorCode.RATE_LIMITED,
                _(
                    "You have written %(count)d reviews in the last hour, the most we accept. "
                    "Please write this one later; what you have bought stays reviewable."
                ),
                params={"count": self.max_reviews},
            )


rate_limit_policy = ReviewRateLimitPolicy()
