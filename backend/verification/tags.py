"""Producer tags (建档立卡贫困户, 残疾人, 合作社, 扶贫基地), derived at read time.

A tag exists only while an approved verification of that kind is inside its validity period
(`valid_from <= now < valid_until`). Nothing is stored on the producer or product, and no job
removes anything: when an approval lapses or is revoked, every page, API response and query
that reads through this module stops showing the tag at the same moment. Never derive a tag from
`Producer.kind` or anything the seller typed: only from this module.

Read API (each is one SQL query, or part of the caller's query):

- `live_tags_for_producers(ids, now=None) -> dict[producer_id, tuple[Tag, ...]]`
- `live_tags_for_producer(producer, now=None) -> tuple[Tag, ...]`
- `with_live_tag(queryset, kind=None, producer_field=None, now=None)` — filter a Producer or
  Product (or any model with a producer foreign key) queryset to rows with a live tag
- `annotate_live_tags(queryset, producer_field=None, now=None)` — adds `live_tag_codes`, a list
  of tag codes, computed in the same query (use `tags_from_codes(row.live_tag_codes)`)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from backend.producers.models import Producer
from backend.verification.models import ApplicationStatus, VerificationApplication, VerificationKind

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Tag:
    code: str  # stable, for programs and CSS hooks: a VerificationKind value
    label: StrOrPromise  # translated text shown to people (never colour alone)

    def __str__(self) -> str:
        return str(self.label)


TAGS: dict[str, Tag] = {
    VerificationKind.POOR_HOUSEHOLD: Tag(
        VerificationKind.POOR_HOUSEHOLD.value, _("Registered poor household")
    ),
    VerificationKind.DISABLED: Tag(VerificationKind.DISABLED.value, _("Disabled seller")),
    VerificationKind.COOPERATIVE: Tag(VerificationKind.COOPERATIVE.value, _("Cooperative")),
    VerificationKind.POVERTY_BASE: Tag(
        VerificationKind.POVERTY_BASE.value, _("Poverty-alleviation base")
    ),
}
TAG_ORDER = list(TAGS)


def tags_from_codes(codes: Iterable[str] | None) -> tuple[Tag, ...]:
    wanted = set(codes or ())
    return tuple(TAGS[code] for code in TAG_ORDER if code in wanted)


def live_verifications(now: datetime | None = None) -> QuerySet[VerificationApplication]:
    """Approved applications inside their validity period at `now` (default: the database's
    now, so every query of a request agrees)."""
    moment: Any = now if now is not None else Now()
    return VerificationApplication.objects.filter(
        status=ApplicationStatus.APPROVED, valid_from__lte=moment, valid_until__gt=moment
    )


def live_tags_for_producers(
    producer_ids: Iterable[int], *, now: datetime | None = None
) -> dict[int, tuple[Tag, ...]]:
    """Tags of many producers in one query; producers without tags map to ()."""
    ids = sorted({int(pk) for pk in producer_ids})
    result: dict[int, tuple[Tag, ...]] = dict.fromkeys(ids, ())
    if not ids:
        return result
    pairs = (
        live_verifications(now)
        .filter(seller_id__in=ids)
        .values_list("seller_id", "kind")
        .distinct()
        .order_by()
    )
    codes: dict[int, set[str]] = {}
    for seller_id, kind in pairs:
        codes.setdefault(seller_id, set()).add(kind)
    for seller_id, kinds in codes.items():
        result[seller_id] = tags_from_codes(kinds)
    return result


def live_tags_for_producer(producer: Producer, *, now: datetime | None = None) -> tuple[Tag, ...]:
    return live_tags_for_producers([producer.pk], now=now)[producer.pk]


def _producer_field(queryset: QuerySet[Any], producer_field: str | None) -> str:
    if producer_field is not None:
        return producer_field
    return "pk" if issubclass(queryset.model, Producer) else "producer_id"


def with_live_tag(
    queryset: QuerySet[M],
    kind: VerificationKind | str | Iterable[VerificationKind | str] | None = None,
    *,
    producer_field: str | None = None,
    now: datetime | None = None,
) -> QuerySet[M]:
    """Rows whose producer has a live tag (of `kind`, or of any of several kinds, or any)."""
    live = live_verifications(now).filter(
        seller_id=OuterRef(_producer_field(queryset, producer_field))
    )
    if isinstance(kind, str):
        live = live.filter(kind=VerificationKind(kind))
    elif kind is not None:
        live = live.filter(kind__in=[VerificationKind(k) for k in kind])
    return queryset.filter(Exists(live))


def annotate_live_tags(
    queryset: QuerySet[M],
    *,
    producer_field: str | None = None,
    now: datetime | None = None,
    name: str = "live_tag_codes",
) -> QuerySet[M]:
    """Adds `name`: the producer's live tag codes (a list, possibly empty), in the same query."""
    codes = (
        live_verifications(now)
        .filter(seller_id=OuterRef(_producer_field(queryset, producer_field)))
        .order_by("kind")
        .values("kind")
        .distinct()
    )
    return queryset.annotate(**{name: ArraySubquery(codes)})
