"""The caller's enterprises and their pledges (members by role; nothing of other enterprises)."""

from __future__ import annotations

import graphene
from graphql import GraphQLResolveInfo

from backend.enterprises.models import Enterprise as EnterpriseModel
from backend.enterprises.models import Pledge as PledgeModel
from backend.enterprises.permissions import EnterpriseAction, enterprise_policy
from backend.enterprises.pledges import PledgeProgress
from backend.graphql.core.auth import current_user
from backend.graphql.enterprises.mutations.pledge_declare import PledgeDeclare
from backend.graphql.enterprises.types import Enterprise, Pledge, pledge_roots

MAX_PLEDGES = 100


class EnterpriseQueries(graphene.ObjectType):
    my_enterprises = graphene.NonNull(
        graphene.List(graphene.NonNull(Enterprise)),
        description="The enterprises the caller is a member of.",
    )
    pledges = graphene.NonNull(
        graphene.List(graphene.NonNull(Pledge)),
        year=graphene.Int(),
        first=graphene.Int(description="At most 100 (default 20)."),
        description="Pledges of the caller's enterprises (roles that see pledges), with progress.",
    )

    @staticmethod
    def resolve_my_enterprises(root: None, info: GraphQLResolveInfo) -> list[EnterpriseModel]:
        user = current_user(info)
        return list(
            enterprise_policy.instances_for(user, EnterpriseAction.VIEW_ENTERPRISE).order_by(
                "name", "pk"
            )
        )

    @staticmethod
    def resolve_pledges(
        root: None, info: GraphQLResolveInfo, year: int | None = None, first: int = 20
    ) -> list[PledgeProgress]:
        enterprises = enterprise_policy.instances_for(
            current_user(info), EnterpriseAction.VIEW_PLEDGES
        )
        queryset = PledgeModel.objects.filter(enterprise_id__in=enterprises.values("pk"))
        if year is not None:
            queryset = queryset.filter(year=year)
        queryset = queryset.order_by("-year", "enterprise_id", "pk")
        return pledge_roots(queryset[: max(0, min(first, MAX_PLEDGES))])


class EnterpriseMutations(graphene.ObjectType):
    pledge_declare = PledgeDeclare.Field()
