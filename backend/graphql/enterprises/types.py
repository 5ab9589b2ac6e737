"""Enterprises (the caller's own) and pledges with their progress. Pledge roots come from
`pledge_roots`, which computes every pledge's progress in one statement per year."""

from __future__ import annotations

import graphene
from django.db.models import QuerySet
from graphene import relay
from graphql import GraphQLResolveInfo
from prices import Money

from backend.enterprises.models import Enterprise as EnterpriseModel
from backend.enterprises.models import Pledge as PledgeModel
from backend.enterprises.pledges import PledgeProgress, pledges_progress
from backend.graphql.core.ids import to_global_id
from backend.graphql.core.types import Money as MoneyType


def pledge_roots(queryset: QuerySet[PledgeModel]) -> list[PledgeProgress]:
    return pledges_progress(list(queryset.select_related("enterprise")))


class Enterprise(graphene.ObjectType):
    name = graphene.String(required=True)
    kind = graphene.String(required=True)
    credit_code = graphene.String(required=True, description="Unified social credit code.")
    status = graphene.String(required=True, description="pending, verified, rejected, suspended")
    is_verified = graphene.Boolean(required=True)

    class Meta:
        interfaces = (relay.Node,)
        description = "An enterprise, canteen, union or public body that buys in bulk."

    @staticmethod
    def resolve_id(root: EnterpriseModel, info: GraphQLResolveInfo) -> int:
        return root.pk


class Pledge(graphene.ObjectType):
    enterprise_id = graphene.ID(required=True)
    year = graphene.Int(required=True)
    kind = graphene.String(required=True, description="amount or share")
    share_percent = graphene.String()
    base_amount = graphene.Field(MoneyType)
    target = graphene.Field(MoneyType, required=True)
    procurement = graphene.Field(
        MoneyType, required=True, description="Accepted value of procurement orders in the year."
    )
    staff_purchases = graphene.Field(
        MoneyType, required=True, description="Staff members' counted personal purchases."
    )
    total = graphene.Field(MoneyType, required=True)
    remaining = graphene.Field(MoneyType, required=True)
    percent = graphene.String(required=True, description="Progress, 0 to 100, one decimal.")

    class Meta:
        interfaces = (relay.Node,)
        description = "An annual purchase pledge (the 832 platform model) and its progress."

    @staticmethod
    def resolve_id(root: PledgeProgress, info: GraphQLResolveInfo) -> int:
        return root.pledge.pk

    @staticmethod
    def resolve_enterprise_id(root: PledgeProgress, info: GraphQLResolveInfo) -> str:
        return to_global_id("Enterprise", root.pledge.enterprise_id)

    @staticmethod
    def resolve_year(root: PledgeProgress, info: GraphQLResolveInfo) -> int:
        return root.pledge.year

    @staticmethod
    def resolve_kind(root: PledgeProgress, info: GraphQLResolveInfo) -> str:
        return root.pledge.kind

    @staticmethod
    def resolve_share_percent(root: PledgeProgress, info: GraphQLResolveInfo) -> str | None:
        value = root.pledge.share_percent
        return None if value is None else str(value)

    @staticmethod
    def resolve_base_amount(root: PledgeProgress, info: GraphQLResolveInfo) -> Money | None:
        value = root.pledge.base_amount
        return None if value is None else Money(value, root.pledge.currency)

    @staticmethod
    def resolve_target(root: PledgeProgress, info: GraphQLResolveInfo) -> Money:
        return Money(root.target_amount, root.pledge.currency)

    @staticmethod
    def resolve_procurement(root: PledgeProgress, info: GraphQLResolveInfo) -> Money:
        return Money(root.procurement_amount, root.pledge.currency)

    @staticmethod
    def resolve_staff_purchases(root: PledgeProgress, info: GraphQLResolveInfo) -> Money:
        return Money(root.staff_amount, root.pledge.currency)

    @staticmethod
    def resolve_total(root: PledgeProgress, info: GraphQLResolveInfo) -> Money:
        return Money(root.total_amount, root.pledge.currency)

    @staticmethod
    def resolve_remaining(root: PledgeProgress, info: GraphQLResolveInfo) -> Money:
        return Money(root.remaining_amount, root.pledge.currency)

    @staticmethod
    def resolve_percent(root: PledgeProgress, info: GraphQLResolveInfo) -> str:
        return str(root.percent)
