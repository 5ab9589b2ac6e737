"""Every row lock the review services take, in one global order:

    review → product summary → producer summary

(a review's aggregate rows after the review itself; within a table ascending primary key).
`of=("self",)` keeps joined rows unlocked; `no_key=True` because no key column changes.
"""

from __future__ import annotations

from backend.reviews.models import ProducerReviewSummary, ProductReview, ProductReviewSummary


def lock_review(review_id: int) -> ProductReview:
    """Raises ProductReview.DoesNotExist."""
    return (
        ProductReview.objects.select_related("product", "producer")
        .select_for_update(of=("self",), no_key=True)
        .get(pk=review_id)
    )


def lock_summaries(
    product_id: int, producer_id: int
) -> tuple[ProductReviewSummary, ProducerReviewSummary]:
    """The aggregate rows of a product and its producer, created first when missing (a
    conflict-ignoring insert, so two first reviews at once cannot both create one)."""
    ProductReviewSummary.objects.bulk_create(
        [ProductReviewSummary(product_id=product_id)], ignore_conflicts=True
    )
    ProducerReviewSummary.objects.bulk_create(
        [ProducerReviewSummary(producer_id=producer_id)], ignore_conflicts=True
    )
    product_summary = ProductReviewSummary.objects.select_for_update(no_key=True).get(
        product_id=product_id
    )
    producer_summary = ProducerReviewSummary.objects.select_for_update(no_key=True).get(
        producer_id=producer_id
    )
    return product_summary, producer_summary
