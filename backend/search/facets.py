"""Facet values from the rows a backend counted: `(facet, key, label, count)`. Categories,
counties and certifications bring their labels; tags and price bands are labelled here."""

from __future__ import annotations

from collections.abc import Iterable

from backend.search.interface import (
    FACET_KEYS,
    PRICE_BANDS,
    FacetValue,
    SearchQuery,
    price_band_label,
)
from backend.verification.tags import TAG_ORDER, TAGS

FacetRow = tuple[str, str, str, int]


def facet_values(query: SearchQuery, rows: Iterable[FacetRow]) -> dict[str, list[FacetValue]]:
    counts: dict[str, dict[str, tuple[str, int]]] = {name: {} for name in FACET_KEYS}
    for facet, key, label, count in rows:
        if facet not in counts:
            continue
        _label, known = counts[facet].get(key, (label, 0))
        counts[facet][key] = (label or _label, max(known, int(count)))
    selected = {
        "category": set(query.category_slugs),
        "county": set(query.county_codes),
        "certification": set(query.certifications),
        "tag": set(query.tags),
        "price_band": {query.price_band} if query.price_band else set(),
    }
    facets: dict[str, list[FacetValue]] = {}
    for facet in ("category", "county", "certification"):
        facets[facet] = sorted(
            (
                FacetValue(key, label, count, key in selected[facet])
                for key, (label, count) in counts[facet].items()
            ),
            key=lambda v: (-v.count, v.label, v.key),
        )
    facets["tag"] = [
        FacetValue(
            code,
            str(TAGS[code].label),
            counts["tag"].get(code, ("", 0))[1],
            code in selected["tag"],
        )
        for code in TAG_ORDER
        if code in counts["tag"] or code in selected["tag"]
    ]
    facets["price_band"] = [
        FacetValue(
            key,
            str(price_band_label(key)),
            counts["price_band"].get(key, ("", 0))[1],
            key in selected["price_band"],
        )
        for key in PRICE_BANDS
        if key in counts["price_band"] or key in selected["price_band"]
    ]
    return facets
