"""Sunshine Market extension: `batch(code)`, the public batch page (溯源) as data. A batch taken
offline and an unknown code are alike: null."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.traceability.types import Batch
from backend.traceability.fetch import fetch_batch_page
from backend.traceability.models import Batch as BatchModel


class TraceabilityQueries(graphene.ObjectType):
    batch = graphene.Field(
        Batch,
        code=graphene.String(required=True, description="The code printed on the label."),
        description="Sunshine Market: a batch's origin, dates, certificates and where it sold.",
    )

    @staticmethod
    def resolve_batch(root: None, info: GraphQLResolveInfo, code: str) -> Any:
        try:
            return fetch_batch_page(code)
        except BatchModel.DoesNotExist:
            return None
