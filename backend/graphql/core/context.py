"""The per-request GraphQL context, and the channel wrapper that travels with catalogue nodes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.http import HttpRequest
from graphql import GraphQLError

from backend.catalog.lookups import get_channel
from backend.catalog.models import Channel

if TYPE_CHECKING:
    from backend.graphql.core.dataloaders import DataLoader

N = TypeVar("N")


@dataclass
class GraphQLContext:
    """What every resolver receives as `info.context` (one instance per HTTP request).

    `dataloaders` holds this request's loaders, so their caches die with the request and one
    request never sees another's data.
    """

    request: HttpRequest
    dataloaders: dict[str, DataLoader[Any, Any]] = field(default_factory=dict)
    channels: dict[str | None, Channel | None] = field(default_factory=dict)

    def get_channel(self, slug: str | None) -> Channel | None:
        """The active channel with this slug (the default one for None), or None; cached."""
        if slug not in self.channels:
            try:
                self.channels[slug] = get_channel(slug)
            except Channel.DoesNotExist:
                self.channels[slug] = None
        return self.channels[slug]

    def require_channel(self, slug: str | None) -> Channel:
        """Like get_channel, but an unknown or inactive channel is a client error."""
        channel = self.get_channel(slug)
        if channel is None:
            if slug is None:
                raise GraphQLError("A default channel does not exist.")
            raise GraphQLError(f"Channel with '{slug}' slug does not exist.")
        return channel

    def channel_by_id(self, channel_id: int) -> Channel:
        """A channel this request already resolved (loaders key channels by id)."""
        for channel in self.channels.values():
            if channel is not None and channel.pk == channel_id:
                return channel
        raise LookupError(f"channel {channel_id} was not resolved in this request")


@dataclass(frozen=True)
class ChannelContext(Generic[N]):
    """A catalogue object together with the channel it is read in (Saleor's ChannelContext).

    Prices, availability and which variants are visible depend on the channel, so nested
    fields need it; the channel is chosen once at the root field and travels down.
    """

    node: N
    channel: Channel
