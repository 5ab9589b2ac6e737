"""Why a product is where it is in a ranked search (为什么排在这里？)."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo


class SearchExplanation(graphene.ObjectType):
    relevance = graphene.Float(required=True, description="Text relevance, 0 to 1.")
    boost = graphene.Float(
        required=True, description="Priority promotion applied (verified tags), 0 when none."
    )
    score = graphene.Float(
        required=True, description="The score the list is ordered by: relevance + boost."
    )
    reasons = graphene.NonNull(
        graphene.List(graphene.NonNull(graphene.String)),
        description="Plain-language reasons, in the request's language.",
    )

    class Meta:
        description = (
            "Sunshine Market: the relevance, priority boost and reasons behind a product's "
            "place in a ranked search."
        )

    @staticmethod
    def resolve_reasons(root: Any, info: GraphQLResolveInfo) -> list[str]:
        return [str(reason) for reason in root.reasons]
