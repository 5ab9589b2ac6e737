"""Filters on a producer's verified tags, shared by `products` and `producers`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q

from backend.verification.tags import live_verifications


def verified_tags_q(codes: Iterable[Any], *, producer_field: str) -> Q:
    """Rows whose producer has a live verified tag of one of these kinds, computed when the
    query runs (`backend.verification.tags`: approved and inside its validity period), so a
    lapse needs no job. An empty list matches nothing."""
    kinds = [getattr(code, "value", code) for code in codes]
    live = live_verifications().filter(seller_id=OuterRef(producer_field), kind__in=kinds)
    return Q(Exists(live))
