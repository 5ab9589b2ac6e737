"""Region: an administrative division of China, with its official code."""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay
from graphql import GraphQLResolveInfo

from backend.graphql.core.connection import CountableConnection
from backend.graphql.regions.dataloaders import RegionByIdLoader
from backend.graphql.regions.enums import RegionLevelEnum
from backend.regions.models import Region as RegionModel


class Region(graphene.ObjectType):
    code = graphene.String(description="Official division code; empty for unnamed levels.")
    name = graphene.String(required=True)
    level = graphene.Field(RegionLevelEnum, required=True)
    full_name = graphene.String(
        required=True, description="Name with its ancestors, e.g. 甘肃省 定西市 渭源县."
    )
    parent = graphene.Field(lambda: Region)

    class Meta:
        interfaces = (relay.Node,)
        description = "Sunshine Market: an administrative division of China."

    @staticmethod
    def resolve_id(root: RegionModel, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_code(root: RegionModel, info: GraphQLResolveInfo) -> str | None:
        return root.code or None

    @staticmethod
    def resolve_full_name(root: RegionModel, info: GraphQLResolveInfo) -> str:
        return root.full_name or root.name

    @staticmethod
    def resolve_parent(root: RegionModel, info: GraphQLResolveInfo) -> Any:
        if root.parent_id is None:
            return None
        return RegionByIdLoader(info.context).load(root.parent_id)


class RegionCountableConnection(CountableConnection):
    class Meta:
        node = Region
        strict_types = True
