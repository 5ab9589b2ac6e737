"""`productReviewReport`: the shop asks operators to look at a review (for example, one about
the seller's disability rather than the product)."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.reviews.access import pk_from_id
from backend.graphql.reviews.errors import ProductReviewError, review_service_errors
from backend.graphql.reviews.types import ProductReview
from backend.reviews.models import ReportReason
from backend.reviews.reports import report_review

ProductReviewReportReasonEnum = graphene.Enum(
    "ProductReviewReportReason",
    [(reason.name, reason.value) for reason in ReportReason],
    description="Why a shop reports a review; PERSONAL_TRAIT: about the seller as a person.",
)


class ProductReviewReport(BaseMutation):
    review = graphene.Field(ProductReview)

    class Arguments:
        id = graphene.ID(required=True, description="The review reported.")
        reason = ProductReviewReportReasonEnum(required=True)
        details = graphene.String(description="Anything the operator should know.")

    class Meta:
        description = (
            "Sunshine Market: report a review of your shop's product to the operators, who may "
            "hide it. One open report per review."
        )
        error_type_class = ProductReviewError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = current_user(info)
        assert user is not None
        review_id = pk_from_id(data["id"], "ProductReview", field="id")
        reason = getattr(data["reason"], "value", data["reason"])
        with review_service_errors():
            report = report_review(
                review_id, actor=user, reason=reason, details=data.get("details") or ""
            )
        return cls(review=report.review)
