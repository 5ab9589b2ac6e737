from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.catalog.models import Channel as ChannelModel
from backend.graphql.channel.types import Channel
from backend.graphql.core.fields import require_one_of
from backend.graphql.core.ids import from_global_id_or_error


class ChannelQueries(graphene.ObjectType):
    channels = graphene.List(graphene.NonNull(Channel), description="List of active channels.")
    channel = graphene.Field(
        Channel,
        id=graphene.ID(description="ID of the channel."),
        slug=graphene.String(description="Slug of the channel."),
        description="Look up an active channel by ID or slug.",
    )

    @staticmethod
    def resolve_channels(root: None, info: GraphQLResolveInfo) -> Any:
        return list(ChannelModel.objects.filter(is_active=True).order_by("slug"))

    @staticmethod
    def resolve_channel(
        root: None, info: GraphQLResolveInfo, id: str | None = None, slug: str | None = None
    ) -> ChannelModel | None:
        require_one_of(id=id, slug=slug)
        queryset = ChannelModel.objects.filter(is_active=True)
        if id is not None:
            return queryset.filter(pk=from_global_id_or_error(id, "Channel")).first()
        return queryset.filter(slug=slug).first()
