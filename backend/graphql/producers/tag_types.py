"""`VerificationTag`: what the platform or a disability federation verified a producer as.

Only the tag's code, its translated name and the end of its validity are exposed: never the
evidence, the decision or any identity number. `Producer.tags` and `Product.tags` (through the
product's producer) both read `LiveTagsByProducerIdLoader`, one query per request level.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.producers.dataloaders import LiveTag, LiveTagsByProducerIdLoader
from backend.graphql.producers.enums import VerificationTagCodeEnum


class VerificationTag(graphene.ObjectType):
    code = graphene.Field(VerificationTagCodeEnum, required=True)
    name = graphene.String(
        required=True,
        description="The tag as people read it, in the request's language (Accept-Language).",
    )
    valid_until = graphene.DateTime(
        required=True, description="The verification lasts until then; the tag goes with it."
    )

    class Meta:
        description = (
            "Sunshine Market: a verified tag of a producer (建档立卡贫困户, 残疾人, 合作社, "
            "扶贫基地). Present only while an approved verification is valid; it disappears "
            "when the verification is revoked or runs out."
        )

    @staticmethod
    def resolve_code(root: LiveTag, info: GraphQLResolveInfo) -> str:
        return root.tag.code

    @staticmethod
    def resolve_name(root: LiveTag, info: GraphQLResolveInfo) -> str:
        return str(root.tag.label)

    @staticmethod
    def resolve_valid_until(root: LiveTag, info: GraphQLResolveInfo) -> datetime:
        return root.valid_until


def tags_field(description: str) -> Any:
    return graphene.NonNull(
        graphene.List(graphene.NonNull(VerificationTag)), description=description
    )


def load_tags(info: GraphQLResolveInfo, producer_id: int) -> Any:
    return LiveTagsByProducerIdLoader(info.context).load(producer_id)
