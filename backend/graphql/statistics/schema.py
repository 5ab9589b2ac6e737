"""Programme statistics for federation and platform operators, region-scoped.

A caller who is not an operator (signed out, a customer, staff without an operator region) gets
a top-level permission error. A region outside the operator's scope answers `null`, exactly
like a region that does not exist (not found alike). Everything returned has passed the
small-cell suppression policy, since an API answer leaves the platform.
"""

from __future__ import annotations

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import PermissionDenied
from backend.graphql.regions.types import Region
from backend.graphql.statistics.types import RegionStatistics, RegionStatisticsData
from backend.regions.models import Region as RegionModel
from backend.statistics.report import region_report
from backend.statistics.scope import access_region, is_statistics_reader, top_regions_for_reader
from backend.statistics.suppression import suppression_policy

FIRST_YEAR = 2015
LAST_YEAR = 2100


def _require_reader(info: GraphQLResolveInfo) -> None:
    user = current_user(info)
    if user is None:
        raise PermissionDenied("You need to be authenticated to perform this action.")
    if not is_statistics_reader(user):
        raise PermissionDenied()


class StatisticsQueries(graphene.ObjectType):
    statistics_regions = graphene.NonNull(
        graphene.List(graphene.NonNull(Region)),
        description="The regions the operator reports for (every province for the platform).",
    )
    region_statistics = graphene.Field(
        RegionStatistics,
        region=graphene.String(
            required=True, description="Official region code, or r<id> for a place without one."
        ),
        year=graphene.Int(required=True),
        description="A region's statistics for a year; null outside the operator's regions.",
    )

    @staticmethod
    def resolve_statistics_regions(root: None, info: GraphQLResolveInfo) -> list[RegionModel]:
        _require_reader(info)
        return top_regions_for_reader(current_user(info))

    @staticmethod
    def resolve_region_statistics(
        root: None, info: GraphQLResolveInfo, region: str, year: int
    ) -> RegionStatisticsData | None:
        _require_reader(info)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return None
        try:
            found = access_region(current_user(info), region)
        except RegionModel.DoesNotExist:
            return None
        policy = suppression_policy()
        report = region_report(found, year)
        return RegionStatisticsData(
            region=found,
            year=year,
            tables=[policy.apply(table) for table in report.tables],
            mark=policy.mark,
        )
