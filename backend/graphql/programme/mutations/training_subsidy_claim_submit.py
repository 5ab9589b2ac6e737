"""`trainingSubsidyClaimSubmit`: a trainee claims the fee of a self-paid certified course."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLError, GraphQLResolveInfo

from backend.graphql.core.auth import current_user
from backend.graphql.core.ids import from_global_id_or_error
from backend.graphql.core.mutations import BaseMutation, MutationErrors
from backend.graphql.programme.errors import (
    TrainingError,
    TrainingErrorCode,
    training_service_errors,
)
from backend.graphql.programme.types import TrainingSubsidyClaim
from backend.graphql.seller.upload import Upload
from backend.programme.errors import not_found
from backend.programme.models import Enrolment
from backend.programme.subsidies import submit_subsidy_claim


class TrainingSubsidyClaimSubmit(BaseMutation):
    claim = graphene.Field(TrainingSubsidyClaim)

    class Arguments:
        enrolment = graphene.ID(required=True, description="Your place on the course.")
        amount_claimed = graphene.Decimal(required=True, description="Yuan; at most the fee paid.")
        fee_paid_amount = graphene.Decimal(required=True, description="The fee you paid, yuan.")
        receipt = Upload(
            description="The receipt (photo or PDF), as a file of a multipart request."
        )

    class Meta:
        description = (
            "Sunshine Market: claim the fee of a self-paid certified course you took. The claim "
            "may not be more than the fee paid (CLAIM_ABOVE_FEE_PAID on amountClaimed); the "
            "federation of the course's region approves it."
        )
        error_type_class = TrainingError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = current_user(info)
        assert user is not None
        try:
            enrolment_id = from_global_id_or_error(data["enrolment"], "TrainingEnrolment")
        except GraphQLError as error:
            raise MutationErrors.of(
                TrainingErrorCode["GRAPHQL_ERROR"], field="enrolment", message=error.message
            ) from error
        enrolment = Enrolment.objects.select_related("course").filter(pk=enrolment_id).first()
        with training_service_errors():
            if enrolment is None:
                raise not_found("enrolment")
            claim = submit_subsidy_claim(
                enrolment,
                actor=user,
                amount_claimed=data["amount_claimed"],
                fee_paid_amount=data["fee_paid_amount"],
                evidence=data.get("receipt"),
            )
        return cls(claim=claim)
