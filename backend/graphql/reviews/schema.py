"""Review mutations (Sunshine Market's extension; Saleor has no reviews). The review fields of
`Product` and `Producer` live in `types.py`."""

from __future__ import annotations

import graphene

from backend.graphql.reviews.mutations.product_review_answer import ProductReviewAnswer
from backend.graphql.reviews.mutations.product_review_create import ProductReviewCreate
from backend.graphql.reviews.mutations.product_review_report import ProductReviewReport


class ReviewMutations(graphene.ObjectType):
    product_review_create = ProductReviewCreate.Field()
    product_review_answer = ProductReviewAnswer.Field()
    product_review_report = ProductReviewReport.Field()
