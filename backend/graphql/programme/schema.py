"""Programme-record queries and mutations for the people the records are about (a trainee's
own course places and subsidy claims). Statistics live in `backend.graphql.statistics`."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.core.auth import current_user
from backend.graphql.programme.mutations.training_subsidy_claim_submit import (
    TrainingSubsidyClaimSubmit,
)
from backend.graphql.programme.types import TrainingEnrolment
from backend.programme.models import Enrolment
from backend.programme.subsidies import enrolments_claimable_by


class ProgrammeQueries(graphene.ObjectType):
    my_training_enrolments = graphene.NonNull(
        graphene.List(graphene.NonNull(TrainingEnrolment)),
        description=(
            "Sunshine Market: the signed-in person's course places (as the account, a household "
            "member's account or a shop owner), newest course first. Empty when signed out."
        ),
    )

    @staticmethod
    def resolve_my_training_enrolments(root: Any, info: GraphQLResolveInfo) -> list[Enrolment]:
        user = current_user(info)
        if user is None:
            return []
        return list(
            Enrolment.objects.filter(enrolments_claimable_by(user))
            .select_related("course")
            .prefetch_related("subsidy_claims")
            .order_by("-course__starts_on", "pk")
        )


class ProgrammeMutations(graphene.ObjectType):
    training_subsidy_claim_submit = TrainingSubsidyClaimSubmit.Field()
