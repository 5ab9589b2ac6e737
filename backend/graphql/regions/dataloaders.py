from __future__ import annotations

from collections.abc import Sequence

from backend.graphql.core.dataloaders import DataLoader
from backend.regions.models import Region


class RegionByIdLoader(DataLoader[int, Region | None]):
    context_key = "region_by_id"

    def batch_load(self, keys: Sequence[int]) -> list[Region | None]:
        regions = Region.objects.order_by().in_bulk(keys)
        return [regions.get(k) for k in keys]
