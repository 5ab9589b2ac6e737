"""Sunshine Market extension: `regions`, China's administrative divisions."""

from __future__ import annotations

from typing import Any

import graphene
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from graphql import GraphQLResolveInfo

from backend.graphql.core.connection import (
    SortKey,
    SortSpec,
    build_connection,
    page_args,
    pk_tiebreak,
    slice_queryset,
)
from backend.graphql.core.fields import connection_field
from backend.graphql.regions.enums import RegionLevelEnum
from backend.graphql.regions.types import RegionCountableConnection
from backend.regions.models import Region

REGION_SORT = SortSpec(
    (
        SortKey("level", models.IntegerField()),
        SortKey(Coalesce("code", Value(""), output_field=models.CharField()), models.CharField()),
        pk_tiebreak(),
    )
)


class RegionQueries(graphene.ObjectType):
    regions = connection_field(
        RegionCountableConnection,
        description="Sunshine Market: administrative divisions, by official code.",
        level=graphene.Argument(RegionLevelEnum, description="Only divisions of this level."),
        parent=graphene.String(description="Only direct children of the region with this code."),
        search=graphene.String(description="Part of the name."),
    )

    @staticmethod
    def resolve_regions(
        root: None,
        info: GraphQLResolveInfo,
        level: Any = None,
        parent: str | None = None,
        search: str | None = None,
        **args: Any,
    ) -> Any:
        page = page_args(args, "regions")
        queryset = Region.objects.all()
        if level is not None:
            queryset = queryset.filter(level=getattr(level, "value", level))
        if parent is not None:
            queryset = queryset.filter(parent__code=parent)
        if search:
            queryset = queryset.filter(Q(name__icontains=search.strip()))
        return build_connection(
            RegionCountableConnection, slice_queryset(queryset, REGION_SORT, page)
        )
