"""Statistics types: a region's year as tables of rows, each value as a decimal string.

Everything the API returns leaves the platform, so every table has passed the small-cell
suppression policy: a withheld row has `suppressed: true` and null values."""

from __future__ import annotations

from dataclasses import dataclass

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.regions.types import Region
from backend.regions.models import Region as RegionModel
from backend.statistics.scope import region_key
from backend.statistics.tables import Column as ColumnData
from backend.statistics.tables import ColumnKind, Row, Table
from backend.statistics.tables import Value as CellValue

StatisticsColumnKindEnum = graphene.Enum.from_enum(ColumnKind, name="StatisticsColumnKindEnum")


@dataclass(frozen=True)
class CellData:
    column: str
    value: CellValue


class StatisticsColumn(graphene.ObjectType):
    key = graphene.String(required=True)
    label = graphene.String(required=True)
    kind = graphene.Field(StatisticsColumnKindEnum, required=True)

    @staticmethod
    def resolve_label(root: ColumnData, info: GraphQLResolveInfo) -> str:
        return str(root.label)


class StatisticsValue(graphene.ObjectType):
    column = graphene.String(required=True, description="The key of the column.")
    value = graphene.String(description="A decimal number as text; null when withheld or none.")

    @staticmethod
    def resolve_value(root: CellData, info: GraphQLResolveInfo) -> str | None:
        return None if root.value is None else str(root.value)


class StatisticsRow(graphene.ObjectType):
    key = graphene.String(required=True)
    label = graphene.String(required=True)
    region_key = graphene.String(description="The child region's key, to drill down.")
    suppressed = graphene.Boolean(
        required=True, description="True when the row describes fewer than 5 people."
    )
    values = graphene.NonNull(graphene.List(graphene.NonNull(StatisticsValue)))

    @staticmethod
    def resolve_label(root: Row, info: GraphQLResolveInfo) -> str:
        return str(root.label)

    @staticmethod
    def resolve_region_key(root: Row, info: GraphQLResolveInfo) -> str | None:
        return root.link_key

    @staticmethod
    def resolve_values(root: Row, info: GraphQLResolveInfo) -> list[CellData]:
        return [CellData(column, value) for column, value in root.values.items()]


class StatisticsTable(graphene.ObjectType):
    key = graphene.String(required=True)
    title = graphene.String(required=True)
    row_heading = graphene.String(required=True)
    columns = graphene.NonNull(graphene.List(graphene.NonNull(StatisticsColumn)))
    rows = graphene.NonNull(graphene.List(graphene.NonNull(StatisticsRow)))
    total = graphene.Field(StatisticsRow)

    @staticmethod
    def resolve_title(root: Table, info: GraphQLResolveInfo) -> str:
        return str(root.title)

    @staticmethod
    def resolve_row_heading(root: Table, info: GraphQLResolveInfo) -> str:
        return str(root.row_heading)


@dataclass(frozen=True)
class RegionStatisticsData:
    region: RegionModel
    year: int
    tables: list[Table]
    mark: str


class RegionStatistics(graphene.ObjectType):
    region = graphene.Field(Region, required=True)
    region_key = graphene.String(required=True)
    year = graphene.Int(required=True)
    suppression_mark = graphene.String(required=True)
    tables = graphene.NonNull(graphene.List(graphene.NonNull(StatisticsTable)))
    table = graphene.Field(StatisticsTable, key=graphene.String(required=True))

    class Meta:
        description = (
            "Sunshine Market: a region's programme statistics for a year (operators only), "
            "small cells withheld."
        )

    @staticmethod
    def resolve_region_key(root: RegionStatisticsData, info: GraphQLResolveInfo) -> str:
        return region_key(root.region)

    @staticmethod
    def resolve_suppression_mark(root: RegionStatisticsData, info: GraphQLResolveInfo) -> str:
        return root.mark

    @staticmethod
    def resolve_table(
        root: RegionStatisticsData, info: GraphQLResolveInfo, key: str
    ) -> Table | None:
        return next((table for table in root.tables if table.key == key), None)
