"""Reviews the person wrote. On deletion a review stays (its stars are in the product's and the
shop's summaries, and it helps other buyers) but loses its author: it is shown as written by
"已注销用户" (`backend.reviews.lookups.public_author_name`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from backend.accounts.models import User
from backend.personal_data.registry import Erasure, PersonalDataSection
from backend.reviews.models import ProductReview


class ReviewsSection(PersonalDataSection):
    key = "reviews"

    def export(self, user: User) -> list[dict[str, Any]]:
        reviews = (
            ProductReview.objects.filter(author=user)
            .select_related("product")
            .annotate(photo_count=Count("photos"))
            .order_by("-created_at", "-pk")
        )
        return [
            {
                "product": review.product.name,
                "order_line": review.order_line_id,
                "stars": review.rating,
                "text": review.text,
                "status": review.status,
                "photos": review.photo_count,  # type: ignore[attr-defined]
                "written_at": review.created_at,
                "shop_answer": review.answer_text,
            }
            for review in reviews
        ]

    def erase(self, user: User, erasure: Erasure) -> None:
        erasure.count("reviews", ProductReview.objects.filter(author=user).update(author=None))
