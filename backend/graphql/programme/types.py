"""`TrainingEnrolment` and `TrainingSubsidyClaim`: a trainee's own course places and claims."""

from __future__ import annotations

from datetime import date

import graphene
from graphene import relay
from graphql import GraphQLResolveInfo
from prices import Money as PricesMoney

from backend.graphql.core.types import Money
from backend.programme.models import Enrolment, SubsidyClaim


class TrainingSubsidyClaim(graphene.ObjectType):
    amount_claimed = graphene.Field(Money, required=True)
    fee_paid = graphene.Field(Money, required=True)
    status = graphene.String(required=True, description="submitted, approved or rejected.")
    submitted = graphene.DateTime(required=True)
    decided = graphene.DateTime()

    class Meta:
        interfaces = (relay.Node,)
        description = (
            "Sunshine Market: a claim for the fee of a self-paid certified course, capped at "
            "the fee paid and decided by the federation of the course's region."
        )

    @staticmethod
    def resolve_id(root: SubsidyClaim, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_amount_claimed(root: SubsidyClaim, info: GraphQLResolveInfo) -> PricesMoney:
        return PricesMoney(root.amount_claimed, root.currency)

    @staticmethod
    def resolve_fee_paid(root: SubsidyClaim, info: GraphQLResolveInfo) -> PricesMoney:
        return PricesMoney(root.fee_paid_amount, root.currency)

    @staticmethod
    def resolve_submitted(root: SubsidyClaim, info: GraphQLResolveInfo) -> object:
        return root.submitted_at

    @staticmethod
    def resolve_decided(root: SubsidyClaim, info: GraphQLResolveInfo) -> object:
        return root.decided_at


class TrainingEnrolment(graphene.ObjectType):
    course_title = graphene.String(required=True)
    course_tier = graphene.String(required=True, description="county_basic or city_advanced.")
    course_track = graphene.String(required=True)
    course_fee = graphene.Field(Money, required=True)
    course_is_certified = graphene.Boolean(required=True)
    sessions_attended = graphene.Int(required=True)
    completed_on = graphene.Date()
    subsidy_claims = graphene.NonNull(graphene.List(graphene.NonNull(TrainingSubsidyClaim)))

    class Meta:
        interfaces = (relay.Node,)
        description = "Sunshine Market: the signed-in person's place on a training course."

    @staticmethod
    def resolve_id(root: Enrolment, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_course_title(root: Enrolment, info: GraphQLResolveInfo) -> str:
        return root.course.title

    @staticmethod
    def resolve_course_tier(root: Enrolment, info: GraphQLResolveInfo) -> str:
        return root.course.tier

    @staticmethod
    def resolve_course_track(root: Enrolment, info: GraphQLResolveInfo) -> str:
        return root.course.track

    @staticmethod
    def resolve_course_fee(root: Enrolment, info: GraphQLResolveInfo) -> PricesMoney:
        return PricesMoney(root.course.fee_amount, root.course.currency)

    @staticmethod
    def resolve_course_is_certified(root: Enrolment, info: GraphQLResolveInfo) -> bool:
        return root.course.is_certified

    @staticmethod
    def resolve_completed_on(root: Enrolment, info: GraphQLResolveInfo) -> date | None:
        return root.completed_on

    @staticmethod
    def resolve_subsidy_claims(root: Enrolment, info: GraphQLResolveInfo) -> list[SubsidyClaim]:
        return list(root.subsidy_claims.all())  # prefetched by the query
