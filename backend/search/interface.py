"""The one search entry point for the storefront, the zone and GraphQL.

`search_products(SearchQuery(...)) -> SearchResult` runs on the backend named by
`settings.SEARCH_BACKEND` (`postgres`, the default, or `elasticsearch`). Both backends take the
same documents (backend/search/documents.py), the same terms (backend/search/text.py) and the
same ranking policy (backend/search/ranking.py), so they answer alike.

Facet counts are disjunctive: each facet's counts apply the query text and every *other*
facet's selection, but not its own, so picking a second value of a facet shows how many more
products it adds. `total` applies every selection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.search.ranking import RankingPolicy, get_ranking_policy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = [
    "DEFAULT_CHANNEL",
    "FACET_KEYS",
    "PRICE_BANDS",
    "SORTS",
    "Explanation",
    "FacetValue",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "get_ranking_policy",
    "price_band_label",
    "search_products",
]

DEFAULT_CHANNEL = settings.DEFAULT_CHANNEL_SLUG
MAX_LIMIT = 100
SORTS = ("relevance", "price_asc", "price_desc", "newest")
FACET_KEYS = ("category", "county", "certification", "tag", "price_band")

# key -> [min, max) in yuan
PRICE_BANDS: dict[str, tuple[Decimal | None, Decimal | None]] = {
    "under-20": (None, Decimal("20")),
    "20-50": (Decimal("20"), Decimal("50")),
    "50-100": (Decimal("50"), Decimal("100")),
    "100-200": (Decimal("100"), Decimal("200")),
    "200-up": (Decimal("200"), None),
}


def price_band_label(key: str) -> StrOrPromise:
    low, high = PRICE_BANDS[key]
    if low is None:
        return _("Under ¥%(high)s") % {"high": high}
    if high is None:
        return _("¥%(low)s and over") % {"low": low}
    return _("¥%(low)s to ¥%(high)s") % {"low": low, "high": high}


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    channel_slug: str = DEFAULT_CHANNEL
    category_slugs: tuple[str, ...] = ()
    county_codes: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    zone_only: bool = False
    price_band: str = ""
    product_ids: tuple[int, ...] | None = None
    producer_ids: tuple[int, ...] | None = None
    sort: str = "relevance"
    offset: int = 0
    limit: int = 24
    with_facets: bool = True

    @property
    def page_limit(self) -> int:
        return max(0, min(int(self.limit), MAX_LIMIT))

    @property
    def page_offset(self) -> int:
        return max(0, int(self.offset))

    @property
    def sort_key(self) -> str:
        return self.sort if self.sort in SORTS else "relevance"

    @property
    def band(self) -> tuple[Decimal | None, Decimal | None] | None:
        return PRICE_BANDS.get(self.price_band)


@dataclass(frozen=True)
class Explanation:
    relevance: float
    boost: float
    score: float
    reasons: tuple[StrOrPromise, ...]


@dataclass(frozen=True)
class SearchHit:
    product_id: int
    explanation: Explanation


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str | None = None


class SearchBackend(Protocol):
    def search(
        self, query: SearchQuery, *, policy: RankingPolicy, now: datetime
    ) -> SearchResult: ...


def get_backend(name: str | None = None) -> SearchBackend:
    name = name or settings.SEARCH_BACKEND
    if name == "elasticsearch":
        from backend.search.backends.elastic import ElasticsearchBackend

        return ElasticsearchBackend()
    if name == "postgres":
        from backend.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    raise ValueError(f"unknown SEARCH_BACKEND {name!r}")


def search_products(
    query: SearchQuery, *, now: datetime | None = None, backend: str | None = None
) -> SearchResult:
    """Search the index. `now` (default: the current time) decides which tags are live and
    which listings are published; `backend` overrides the setting (tests, comparisons)."""
    return get_backend(backend).search(
        query, policy=get_ranking_policy(), now=now or timezone.now()
    )
