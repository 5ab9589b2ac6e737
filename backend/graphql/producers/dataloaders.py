"""Producer loaders. Only active producers, and only their public columns, are ever read:
identity numbers (certificate, poor-household number, category, grade) are not even selected.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, QuerySet

from backend.catalog.lookups import active_producers
from backend.graphql.core.dataloaders import DataLoader
from backend.producers.models import Producer, ProducerShopLink
from backend.verification.tags import Tag, live_verifications, tags_from_codes

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


@dataclass(frozen=True)
class LiveTag:
    tag: Tag
    valid_until: datetime


class LiveTagsByProducerIdLoader(DataLoader[int, list[LiveTag]]):
    """Verified tags live at the moment of the query (`backend.verification.tags`), with the
    date each lasts until; nothing else of a verification (evidence, reasons, who decided) is
    read. Read per request, never cached across requests: a revocation or a lapse shows on
    the next request."""

    context_key = "live_tags_by_producer"

    def batch_load(self, keys: Sequence[int]) -> list[list[LiveTag]]:
        ends: dict[int, dict[str, datetime]] = defaultdict(dict)
        rows = (
            live_verifications()
            .filter(seller_id__in=keys)
            .values("seller_id", "kind")
            .annotate(until=Max("valid_until"))
            .order_by()
        )
        for row in rows:
            ends[row["seller_id"]][row["kind"]] = row["until"]
        return [
            [LiveTag(tag, ends[key][tag.code]) for tag in tags_from_codes(ends.get(key))]
            for key in keys
        ]
