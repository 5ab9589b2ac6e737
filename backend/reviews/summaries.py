"""Counts and averages of visible reviews, kept up to date inside the writing transaction.

Called with the review's product and producer after a change that may move them (a new
review, hiding, restoring). The aggregate rows are locked (`locks.lock_summaries`), then
recomputed from the visible reviews, so two writers never lose each other's change and a
drifted row heals on the next write. The product's average is also stored on
`Product.rating`, which the catalogue and the API already read.
"""

from __future__ import annotations

from django.db.models import Count, Sum

from backend.catalog.models import Product
from backend.reviews import locks
from backend.reviews.models import ProductReview, ReviewStatus, average_of


def _totals(**where: int) -> tuple[int, int]:
    found = ProductReview.objects.filter(status=ReviewStatus.VISIBLE, **where).aggregate(
        count=Count("pk"), total=Sum("rating")
    )
    return found["count"] or 0, found["total"] or 0


def refresh_summaries(*, product_id: int, producer_id: int) -> None:
    """Recompute both aggregates; the caller's transaction holds the locks until commit."""
    product_summary, producer_summary = locks.lock_summaries(product_id, producer_id)
    for summary, where in (
        (product_summary, {"product_id": product_id}),
        (producer_summary, {"producer_id": producer_id}),
    ):
        count, total = _totals(**where)
        if (summary.review_count, summary.rating_sum) != (count, total):
            summary.review_count, summary.rating_sum = count, total
            summary.save(update_fields=["review_count", "rating_sum"])
    Product.objects.filter(pk=product_id).update(
        rating=average_of(product_summary.rating_sum, product_summary.review_count)
    )
