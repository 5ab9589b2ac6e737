"""Verified producer tags as the storefront shows them: text badges, and on the product and shop
pages a plain explanation with the date the check lasts until.

Every tag comes from `backend.verification.tags` (approved and inside its validity period at the
moment of the query), never from `Producer.kind` or anything the seller typed, and nothing is
cached: a revocation or a lapse shows on the very next request of every page.

- Lists (cards, producer tiles) read tag codes in their own query (`annotate_live_tags`): no
  extra query per page, whatever its length.
- The product and shop pages read the tags of one producer with their validity in one query
  (`live_tag_badges`), which also serves many producers at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, QuerySet
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from backend.catalog.models import Product
from backend.verification.models import VerificationKind
from backend.verification.tags import live_verifications, tags_from_codes, with_live_tag

# What a buyer is told each tag means (and who checked it). Plain words, no identity data.
EXPLANATIONS: dict[str, Promise] = {
    VerificationKind.POOR_HOUSEHOLD: _(
        "The seller's family is on the government register of poor households. "
        "The platform or the local disability federation checked the registration papers."
    ),
    VerificationKind.DISABLED: _(
        "The seller is a disabled person with an official disability certificate. "
        "The platform or the local disability federation checked the certificate."
    ),
    VerificationKind.COOPERATIVE: _(
        "The shop is a registered farmers' cooperative that sells for its member households. "
        "The platform or the local disability federation checked its licence."
    ),
    VerificationKind.POVERTY_BASE: _(
        "The shop is a recognised poverty-alleviation base that buys from or employs poor and "
        "disabled people. The platform or the local disability federation checked its "
        "certificate."
    ),
}

# The storefront filter "only verified poor-household and disabled-seller products".
VERIFIED_FILTER_KINDS = (VerificationKind.POOR_HOUSEHOLD, VerificationKind.DISABLED)
VERIFIED_FILTER_PARAM = "verified"


@dataclass(frozen=True)
class TagBadge:
    code: str  # a VerificationKind value: stable, for CSS hooks and tests
    label: str  # translated text, e.g. 残疾人 / Disabled seller
    valid_until: datetime | None = None  # set where the page shows it (product and shop pages)

    @property
    def explanation(self) -> str:
        return str(EXPLANATIONS[self.code])


def badges_from_codes(codes: Iterable[str] | None) -> tuple[TagBadge, ...]:
    """Badges for the codes of `annotate_live_tags` (in the fixed tag order)."""
    return tuple(TagBadge(tag.code, str(tag.label)) for tag in tags_from_codes(codes))


def live_tag_badges(
    producer_ids: Iterable[int], *, now: datetime | None = None
) -> dict[int, tuple[TagBadge, ...]]:
    """Live tags of many producers with the date each lasts until, in one query.

    A renewal starts where the approval it renews ends, so the live approval's end is the date
    shown; if two approvals of one kind are live at once, the later end counts.
    """
    ids = sorted({int(pk) for pk in producer_ids})
    result: dict[int, tuple[TagBadge, ...]] = dict.fromkeys(ids, ())
    if not ids:
        return result
    rows = (
        live_verifications(now)
        .filter(seller_id__in=ids)
        .values("seller_id", "kind")
        .annotate(until=Max("valid_until"))
        .order_by()
    )
    found: dict[int, dict[str, datetime]] = {}
    for row in rows:
        found.setdefault(row["seller_id"], {})[row["kind"]] = row["until"]
    for seller_id, ends in found.items():
        result[seller_id] = tuple(
            TagBadge(tag.code, str(tag.label), ends[tag.code]) for tag in tags_from_codes(ends)
        )
    return result


def only_verified(products: QuerySet[Product]) -> QuerySet[Product]:
    """Products whose producer is a verified poor household or disabled seller right now."""
    return with_live_tag(products, VERIFIED_FILTER_KINDS)


@dataclass(frozen=True)
class VerifiedFilter:
    """The filter's state from GET parameters (a plain form, no JavaScript)."""

    only: bool
    keep: list[tuple[str, str]]  # other parameters the filter form carries as hidden fields
    clear_url: str  # the same list without the filter (back to its first page)


def verified_filter(query: QueryDict, *, keep: tuple[str, ...]) -> VerifiedFilter:
    params = query.copy()
    params.pop(VERIFIED_FILTER_PARAM, None)
    params.pop("page", None)
    encoded = params.urlencode()
    return VerifiedFilter(
        only=query.get(VERIFIED_FILTER_PARAM) == "1",
        keep=[(name, value) for name in keep if (value := query.get(name, ""))],
        clear_url=f"?{encoded}" if encoded else "?",
    )
