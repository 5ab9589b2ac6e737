"""Recording a batch and taking its public page offline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.catalog.models import ProductVariant
from backend.producers.models import Producer
from backend.regions.models import Region, RegionLevel
from backend.traceability import locks
from backend.traceability.codes import new_batch_code
from backend.traceability.errors import TraceabilityError, TraceabilityErrorCode, not_found
from backend.traceability.events import batch_recorded_event, batch_withdrawn_event
from backend.traceability.models import Batch, DateKind

ORIGIN_LEVELS = (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE)


@dataclass(frozen=True)
class BatchInput:
    variant_id: int
    made_on: date
    origin_id: int
    quantity: int
    date_kind: str = DateKind.HARVEST
    grade: str = ""
    notes: str = ""


def _variant_of_seller(seller: Producer, variant_id: int) -> ProductVariant:
    variant = (
        ProductVariant.objects.select_related("product")
        .filter(product__producer_id=seller.pk, pk=variant_id)
        .first()
    )
    if variant is None:
        raise not_found("variant")
    return variant


def _origin(origin_id: int) -> Region:
    origin = Region.objects.filter(pk=origin_id, level__in=ORIGIN_LEVELS).first()
    if origin is None:
        raise TraceabilityError(
            TraceabilityErrorCode.INVALID_ORIGIN,
            _("Choose the village or township where it was grown or made."),
            field="origin",
        )
    return origin


def _check(data: BatchInput) -> None:
    if data.quantity <= 0:
        raise TraceabilityError(
            TraceabilityErrorCode.INVALID, _("Enter how many, 1 or more."), field="quantity"
        )
    if data.made_on > timezone.localdate():
        raise TraceabilityError(
            TraceabilityErrorCode.INVALID_DATE,
            _("The date must be today or in the past."),
            field="made_on",
        )
    if data.date_kind not in DateKind.values:
        raise TraceabilityError(
            TraceabilityErrorCode.INVALID, _("Choose harvested or made."), field="date_kind"
        )


def _unused_code() -> str:
    while True:
        code = new_batch_code()
        if not Batch.objects.filter(code=code).exists():
            return code


def record_batch(seller: Producer, data: BatchInput, *, actor: User | None) -> Batch:
    """A new batch of one of the seller's products; its public page is live at once."""
    _check(data)
    variant = _variant_of_seller(seller, data.variant_id)
    origin = _origin(data.origin_id)
    with transaction.atomic(durable=True):
        batch = Batch.objects.create(
            seller=seller,
            variant=variant,
            code=_unused_code(),
            date_kind=data.date_kind,
            made_on=data.made_on,
            origin=origin,
            grade=data.grade.strip(),
            quantity=data.quantity,
            notes=data.notes.strip(),
            created_by=actor,
        )
        batch_recorded_event(batch, actor=actor)
    return batch


def withdraw_batch(seller: Producer, batch_id: int, *, actor: User | None) -> Batch:
    """Take the batch's public page (and its certificates) offline; allocations stay."""
    with transaction.atomic(durable=True):
        try:
            batch = locks.lock_batch(batch_id, seller_id=seller.pk)
        except Batch.DoesNotExist:
            raise not_found() from None
        if batch.withdrawn_at is None:
            batch.withdrawn_at = timezone.now()
            batch.save(update_fields=["withdrawn_at"])
            batch_withdrawn_event(batch, actor=actor)
    return batch
