"""Everything the public batch page shows, in a fixed number of queries, with no personal data.

Only these reach the page: the product, the shop's public name, slug and story, the place of
origin (village up to province), the batch's dates, grade, quantity and notes, certificates
(kind, issuer, date) and where the batch sold as counts per province. Buyers' names, mobile
numbers and addresses, and the producer's identity numbers, contact and address are never
selected (`only()` below), so a template change cannot leak them either.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Sum

from backend.orders.models import OrderStatus
from backend.regions.models import Region, RegionLevel
from backend.traceability.codes import normalise_code
from backend.traceability.lookups import public_batches
from backend.traceability.models import Batch, BatchAllocation, BatchCertificate

COUNTED_STATUSES = (
    OrderStatus.UNFULFILLED,
    OrderStatus.PARTIALLY_FULFILLED,
    OrderStatus.FULFILLED,
    OrderStatus.COMPLETED,
    OrderStatus.PARTIALLY_REFUNDED,
)
_ORIGIN = "origin" + "__parent" * 4
PUBLIC_FIELDS = (
    "code",
    "date_kind",
    "made_on",
    "grade",
    "quantity",
    "quantity_allocated",
    "notes",
    "created_at",
    "withdrawn_at",
    "variant__id",
    "variant__name",
    "variant__product__id",
    "variant__product__name",
    "variant__product__slug",
    "seller__id",
    "seller__name",
    "seller__slug",
    "seller__kind",
    "seller__story",
    "seller__is_active",
    "variant",
    "variant__product",
    "seller",
    *(f"origin{'__parent' * depth}" for depth in range(5)),
    *(f"origin{'__parent' * depth}__{field}" for depth in range(5) for field in ("name", "level")),
)


@dataclass(frozen=True)
class ProvinceSales:
    province: str
    orders: int
    units: int


@dataclass(frozen=True)
class BatchPage:
    batch: Batch
    origin: list[Region]  # village first, up to the province
    certificates: list[BatchCertificate]
    sales: list[ProvinceSales]

    @property
    def units_sold(self) -> int:
        return sum(row.units for row in self.sales)


def origin_chain(region: Region) -> list[Region]:
    chain: list[Region] = []
    node: Region | None = region
    while node is not None:
        chain.append(node)
        if node.level == RegionLevel.PROVINCE:
            break
        node = node.parent
    return chain


def sales_by_province(batch_id: int) -> list[ProvinceSales]:
    rows = (
        BatchAllocation.objects.filter(
            batch_id=batch_id, order_line__sub_order__status__in=COUNTED_STATUSES
        )
        .values("order_line__order__province_name")
        .annotate(orders=Count("order_line__order_id", distinct=True), units=Sum("quantity"))
        .order_by("-units", "order_line__order__province_name")
    )
    return [
        ProvinceSales(
            province=row["order_line__order__province_name"],
            orders=row["orders"],
            units=row["units"],
        )
        for row in rows
    ]


def public_certificates(batch_id: int) -> list[BatchCertificate]:
    return list(
        BatchCertificate.objects.filter(batch_id=batch_id)
        .only("public_id", "batch_id", "kind", "issued_by", "uploaded_at", "extension")
        .order_by("pk")
    )


def fetch_batch_page(code: str) -> BatchPage:
    """Three queries. Raises Batch.DoesNotExist for an unknown or offline batch."""
    batch = (
        public_batches()
        .filter(code=normalise_code(code))
        .select_related("variant__product", "seller", _ORIGIN)
        .only(*PUBLIC_FIELDS)
        .get()
    )
    return BatchPage(
        batch=batch,
        origin=origin_chain(batch.origin),
        certificates=public_certificates(batch.pk),
        sales=sales_by_province(batch.pk),
    )
