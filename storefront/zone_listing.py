"""Product lists answered by the search interface (`backend.search.interface`): the zone, the
pavilion, brand and campaign pages, and the search results page.

From GET parameters (a plain form, no JavaScript) to a `SearchQuery`, then one page of hits
loaded as storefront cards in the ranked order, each with its explanation ("why is this
here?"), plus facets, pagination and the "did you mean" suggestion. The card rows cost the
same queries whatever the page's length (one query for the rows with their live tags, and the
card prefetches).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from backend.catalog.models import Channel, Product
from backend.search.interface import (
    PRICE_BANDS,
    Explanation,
    FacetValue,
    SearchQuery,
    SearchResult,
    search_products,
)
from backend.verification.tags import with_live_tag
from storefront import queries
from storefront.paging import PAGE_SIZE, Pagination, pagination_for
from storefront.shapes import ProductCard

# GET parameter of each facet; every facet but the price band takes several values.
FACET_PARAMS = {
    "category": "category",
    "county": "county",
    "certification": "cert",
    "tag": "tag",
    "price_band": "price",
}
FACET_LEGENDS: dict[str, Promise] = {
    "category": _("Category"),
    "county": _("County"),
    "certification": _("Certification"),
    "tag": _("Verified seller"),
    "price_band": _("Price"),
}
MULTI_VALUE = ("category", "county", "certification", "tag")
MAX_VALUES_PER_FACET = 20
MAX_PAGE = 400  # deeper pages are not useful to anyone and cost the index


@dataclass(frozen=True)
class SortOption:
    value: str
    label: str
    selected: bool


SORT_LABELS: dict[str, Promise] = {
    "relevance": _("Best match"),
    "newest": _("Newest first"),
    "price_asc": _("Price, low to high"),
    "price_desc": _("Price, high to low"),
}
RECOMMENDED = _("Recommended")


@dataclass(frozen=True)
class RankedCard:
    card: ProductCard
    explanation: Explanation
    position: int  # 1-based position in the whole list


@dataclass(frozen=True)
class Facet:
    key: str
    param: str
    legend: str
    values: list[FacetValue]
    multiple: bool

    @property
    def selected(self) -> list[FacetValue]:
        return [value for value in self.values if value.selected]


@dataclass(frozen=True)
class Listing:
    cards: list[RankedCard]
    total: int
    facets: list[Facet]
    pagination: Pagination
    sort_options: list[SortOption]
    suggestion: str | None
    query: SearchQuery
    keep: list[tuple[str, str]]  # parameters the facet form carries as hidden fields
    clear_url: str  # the list without facet selections

    @property
    def has_selection(self) -> bool:
        return any(facet.selected for facet in self.facets)


def _values(params: QueryDict, name: str) -> tuple[str, ...]:
    seen: list[str] = []
    for value in params.getlist(name)[:MAX_VALUES_PER_FACET]:
        value = value.strip()[:100]
        if value and value not in seen:
            seen.append(value)
    return tuple(seen)


def _page_number(params: QueryDict) -> int:
    try:
        return min(max(int(params.get("page", "1")), 1), MAX_PAGE)
    except ValueError:
        return 1


def query_from_params(params: QueryDict, **fixed: Any) -> SearchQuery:
    """The user's choices from GET; `fixed` holds what the page decides (zone_only, ids…)."""
    band = params.get(FACET_PARAMS["price_band"], "")
    sort = params.get("sort", "")
    page = _page_number(params)
    query = SearchQuery(
        text=params.get("q", ""),
        category_slugs=_values(params, FACET_PARAMS["category"]),
        county_codes=_values(params, FACET_PARAMS["county"]),
        certifications=_values(params, FACET_PARAMS["certification"]),
        tags=_values(params, FACET_PARAMS["tag"]),
        price_band=band if band in PRICE_BANDS else "",
        sort=sort if sort in SORT_LABELS else "relevance",
        offset=(page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    return replace(query, **fixed)


class _Hits(Sequence[Any]):
    """What a Paginator needs of a search: the total, and the page that was fetched."""

    def __init__(self, total: int) -> None:
        self.total = total

    def __len__(self) -> int:
        return self.total

    def count(self, value: Any = None) -> int:
        return self.total

    def __getitem__(self, index: Any) -> Any:
        return []


def _cards_in_order(
    channel: Channel | None, result: SearchResult, *, zone_only: bool, first_position: int
) -> list[RankedCard]:
    ids = [hit.product_id for hit in result.hits]
    if not ids:
        return []
    order = Case(
        *(When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)), output_field=IntegerField()
    )
    products = queries.visible_products(channel).filter(pk__in=ids)
    if zone_only:
        # The index already filters by live tags at query time; this keeps the promise even
        # if a document is a moment behind the database.
        products = with_live_tag(products)
    rows = queries._with_card_data(products.order_by(order), channel)
    by_id: dict[int, Product] = {row.pk: row for row in rows}
    cards = []
    for hit in result.hits:
        if (row := by_id.get(hit.product_id)) is not None:
            card = queries._product_card(row)
            cards.append(RankedCard(card, hit.explanation, first_position + len(cards)))
    return cards


def _sort_options(query: SearchQuery) -> list[SortOption]:
    options = []
    for value, label in SORT_LABELS.items():
        text = label if (value != "relevance" or query.text.strip()) else RECOMMENDED
        options.append(SortOption(value, str(text), value == query.sort_key))
    return options


def _facets(result: SearchResult, shown: Sequence[str]) -> list[Facet]:
    facets = []
    for key in shown:
        values = [v for v in result.facets.get(key, []) if v.count or v.selected]
        if values:
            facets.append(
                Facet(
                    key,
                    FACET_PARAMS[key],
                    str(FACET_LEGENDS[key]),
                    values,
                    key in MULTI_VALUE,
                )
            )
    return facets


def _clear_url(params: QueryDict) -> str:
    kept = params.copy()
    for name in [*FACET_PARAMS.values(), "page"]:
        kept.pop(name, None)
    encoded = kept.urlencode()
    return f"?{encoded}" if encoded else "?"


def search_listing(
    channel: Channel | None,
    params: QueryDict,
    *,
    facets: Sequence[str] = tuple(FACET_PARAMS),
    keep: Sequence[str] = ("q",),
    default_tags: Sequence[str] = (),
    **fixed: Any,
) -> Listing:
    """One page of a search-driven list. `facets` are the facets the page offers; `keep` the
    parameters its facet form carries along; `default_tags` the tags chosen when the buyer
    chose none; `fixed` the page's own constraints."""
    query = query_from_params(params, **fixed)
    if default_tags and not query.tags:
        query = replace(query, tags=tuple(str(tag) for tag in default_tags))
    result = search_products(query)
    paginator = Paginator(_Hits(result.total), PAGE_SIZE)
    page = paginator.get_page(query.offset // PAGE_SIZE + 1)
    if result.total and (page.number - 1) * PAGE_SIZE != query.offset:
        # A page past the end: show the last one instead.
        query = replace(query, offset=(page.number - 1) * PAGE_SIZE)
        result = search_products(query)
    cards = _cards_in_order(
        channel, result, zone_only=query.zone_only, first_position=query.offset + 1
    )
    return Listing(
        cards=cards,
        total=result.total,
        facets=_facets(result, facets),
        pagination=pagination_for(page, params),
        sort_options=_sort_options(query),
        suggestion=result.suggestion if not result.total else None,
        query=query,
        keep=[(name, value) for name in keep if (value := params.get(name, ""))],
        clear_url=_clear_url(params),
    )


def restrict_facet(
    listing: Listing, key: str, *, allowed: Sequence[str], chosen: Sequence[str]
) -> Listing:
    """For a page that fixes a facet to a set (a brand's counties): offer only those values,
    and mark as chosen only what the buyer chose."""
    facets = [
        replace(
            facet,
            values=[
                replace(value, selected=value.key in chosen)
                for value in facet.values
                if value.key in allowed
            ],
        )
        if facet.key == key
        else facet
        for facet in listing.facets
    ]
    return replace(listing, facets=facets)
