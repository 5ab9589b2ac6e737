"""Loaders for the status updates of sub-orders and orders already authorised by the caller."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from backend.delivery.models import DeliveryUpdate
from backend.graphql.core.dataloaders import DataLoader


class DeliveryUpdatesBySubOrderIdLoader(DataLoader[int, list[DeliveryUpdate]]):
    context_key = "delivery_updates_by_sub_order"

    def batch_load(self, keys: Sequence[int]) -> list[list[DeliveryUpdate]]:
        found: dict[int, list[DeliveryUpdate]] = defaultdict(list)
        for update in DeliveryUpdate.objects.filter(sub_order_id__in=keys).order_by(
            "recorded_at", "pk"
        ):
            found[update.sub_order_id].append(update)
        return [found.get(k, []) for k in keys]


class DeliveryUpdatesByOrderIdLoader(DataLoader[int, list[DeliveryUpdate]]):
    context_key = "delivery_updates_by_order"

    def batch_load(self, keys: Sequence[int]) -> list[list[DeliveryUpdate]]:
        found: dict[int, list[DeliveryUpdate]] = defaultdict(list)
        for update in (
            DeliveryUpdate.objects.filter(sub_order__order_id__in=keys)
            .select_related("sub_order")
            .order_by("recorded_at", "pk")
        ):
            found[update.sub_order.order_id].append(update)
        return [found.get(k, []) for k in keys]
