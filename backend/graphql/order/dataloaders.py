"""Loaders for the parts of orders the customer (or the token holder) may read."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from backend.catalog.models import Channel
from backend.graphql.core.dataloaders import DataLoader
from backend.orders.models import Fulfillment


class ChannelByIdLoader(DataLoader[int, Channel | None]):
    context_key = "channel_by_id"

    def batch_load(self, keys: Sequence[int]) -> list[Channel | None]:
        channels = Channel.objects.order_by().in_bulk(keys)
        return [channels.get(k) for k in keys]


class FulfillmentsBySubOrderIdLoader(DataLoader[int, list[Fulfillment]]):
    """Shipments of already-authorised sub-orders, with their lines."""

    context_key = "fulfillments_by_sub_order"

    def batch_load(self, keys: Sequence[int]) -> list[list[Fulfillment]]:
        found: dict[int, list[Fulfillment]] = defaultdict(list)
        for fulfillment in (
            Fulfillment.objects.filter(sub_order_id__in=keys)
            .prefetch_related("lines")
            .order_by("sub_order_id", "pk")
        ):
            found[fulfillment.sub_order_id].append(fulfillment)
        return [found.get(k, []) for k in keys]
