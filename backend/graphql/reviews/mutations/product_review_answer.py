"""`productReviewAnswer`: the shop answers a review of its product publicly, once."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.reviews.access import pk_from_id
from backend.graphql.reviews.errors import ProductReviewError, review_service_errors
from backend.graphql.reviews.types import ProductReview
from backend.reviews.answers import answer_review


class ProductReviewAnswer(BaseMutation):
    review = graphene.Field(ProductReview)

    class Arguments:
        id = graphene.ID(required=True, description="The review answered.")
        text = graphene.String(required=True, description="The answer, as plain text.")

    class Meta:
        description = (
            "Sunshine Market: answer a review of your shop's product (owners, and helpers who "
            "manage products). Each review can be answered once."
        )
        error_type_class = ProductReviewError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = current_user(info)
        assert user is not None
        review_id = pk_from_id(data["id"], "ProductReview", field="id")
        with review_service_errors():
            review = answer_review(review_id, actor=user, text=data["text"])
        return cls(review=review)
