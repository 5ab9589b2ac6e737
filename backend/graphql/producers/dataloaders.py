"""Producer loaders. Only active producers, and only their public columns, are ever read:
identity numbers (certificate, poor-household number, category, grade) are not even selected.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db.models import QuerySet

from backend.catalog.lookups import active_producers
from backend.graphql.core.dataloaders import DataLoader
from backend.producers.models import Producer, ProducerShopLink

PUBLIC_PRODUCER_FIELDS = (
    "id",
    "kind",
    "name",
    "slug",
    "story",
    "logo",
    "logo_alt",
    "region_id",
    "opened_on",
    "is_active",
    "member_household_count",
    "disabled_employee_count",
)


def public_producers() -> QuerySet[Producer]:
    """Active producers with their public columns only."""
    return active_producers().only(*PUBLIC_PRODUCER_FIELDS)


class ProducerByIdLoader(DataLoader[int, Producer | None]):
    context_key = "producer_by_id"

    def batch_load(self, keys: Sequence[int]) -> list[Producer | None]:
        producers = public_producers().order_by().in_bulk(keys)
        return [producers.get(k) for k in keys]


class ShopLinksByProducerIdLoader(DataLoader[int, list[ProducerShopLink]]):
    context_key = "shop_links_by_producer"

    def batch_load(self, keys: Sequence[int]) -> list[list[ProducerShopLink]]:
        links: dict[int, list[ProducerShopLink]] = defaultdict(list)
        for link in ProducerShopLink.objects.filter(producer_id__in=keys).order_by(
            "producer_id", "sort_order", "pk"
        ):
            links[link.producer_id].append(link)
        return [links.get(k, []) for k in keys]
