"""Sunshine Market extensions: `producers` and `producer`."""

from __future__ import annotations

import enum
from typing import Any

import graphene
from django.db import models
from django.db.models import Q
from graphql import GraphQLResolveInfo

from backend.graphql.core.connection import (
    ASC,
    DESC,
    SortKey,
    SortSpec,
    build_connection,
    page_args,
    pk_tiebreak,
    slice_queryset,
)
from backend.graphql.core.enums import OrderDirectionEnum
from backend.graphql.core.fields import connection_field, require_one_of
from backend.graphql.core.ids import from_global_id_or_error
from backend.graphql.producers.dataloaders import public_producers
from backend.graphql.producers.enums import ProducerKindEnum, VerificationTagCodeEnum
from backend.graphql.producers.filters import verified_tags_q
from backend.graphql.producers.types import Producer, ProducerCountableConnection
from backend.graphql.regions.filters import in_region
from backend.producers.models import Producer as ProducerModel


class ProducerFilterInput(graphene.InputObjectType):
    kind = graphene.Argument(ProducerKindEnum, description="Producers of this kind.")
    region = graphene.String(
        description="Official code of a region: producers in it or in its sub-regions."
    )
    search = graphene.String(description="Part of the shop name.")
    verified_tags = graphene.List(
        graphene.NonNull(VerificationTagCodeEnum),
        description="Producers with at least one of these verified tags, valid now.",
    )

    class Meta:
        description = "Sunshine Market: filtering options for producers."


class ProducerSortField(enum.Enum):
    NAME = "name"
    OPENED_ON = "opened-on"


ProducerSortFieldEnum = graphene.Enum.from_enum(ProducerSortField)


class ProducerSortingInput(graphene.InputObjectType):
    direction = graphene.Argument(OrderDirectionEnum, required=True)
    field = graphene.Argument(ProducerSortFieldEnum, required=True)


def _value(member: Any) -> Any:
    return getattr(member, "value", member)


def producer_sort(sort_by: dict[str, Any] | None) -> SortSpec:
    direction = DESC if sort_by and _value(sort_by.get("direction")) == DESC else ASC
    if sort_by and _value(sort_by.get("field")) == ProducerSortField.OPENED_ON.value:
        keys = (SortKey("opened_on", models.DateField()),)
    else:
        keys = (SortKey("name", models.CharField()),)
    return SortSpec((*keys, pk_tiebreak()), direction)


def filter_producers(queryset: Any, value: dict[str, Any] | None) -> Any:
    if not value:
        return queryset
    if value.get("kind") is not None:
        queryset = queryset.filter(kind=_value(value["kind"]))
    if value.get("region"):
        queryset = queryset.filter(in_region(value["region"], path="region"))
    if value.get("search"):
        queryset = queryset.filter(Q(name__icontains=value["search"].strip()))
    if value.get("verified_tags") is not None:
        queryset = queryset.filter(verified_tags_q(value["verified_tags"], producer_field="pk"))
    return queryset


class ProducerQueries(graphene.ObjectType):
    producers = connection_field(
        ProducerCountableConnection,
        description="Sunshine Market: list of active producers.",
        filter=graphene.Argument(ProducerFilterInput),
        sort_by=graphene.Argument(ProducerSortingInput),
    )
    producer = graphene.Field(
        Producer,
        id=graphene.ID(),
        slug=graphene.String(),
        description="Sunshine Market: look up an active producer by ID or slug.",
    )

    @staticmethod
    def resolve_producers(root: None, info: GraphQLResolveInfo, **args: Any) -> Any:
        page = page_args(args, "producers")
        queryset = filter_producers(public_producers(), args.get("filter"))
        return build_connection(
            ProducerCountableConnection,
            slice_queryset(queryset, producer_sort(args.get("sort_by")), page),
        )

    @staticmethod
    def resolve_producer(
        root: None, info: GraphQLResolveInfo, id: str | None = None, slug: str | None = None
    ) -> ProducerModel | None:
        require_one_of(id=id, slug=slug)
        if id is not None:
            return public_producers().filter(pk=from_global_id_or_error(id, "Producer")).first()
        return public_producers().filter(slug=slug).first()
