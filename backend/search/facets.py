"""Facet values with labels, from the counts a backend computed: labels of categories,
counties and certifications in one query each facet that has values (at most three)."""

from __future__ import annotations

from collections.abc import Iterable

from backend.catalog.models import AttributeValue, Category
from backend.regions.models import Region, RegionLevel
from backend.search.documents import CERTIFICATIONS_ATTRIBUTE
from backend.search.interface import (
    FACET_KEYS,
    PRICE_BANDS,
    FacetValue,
    SearchQuery,
    price_band_label,
)
from backend.verification.tags import TAG_ORDER, TAGS

Counts = dict[tuple[str, str], int]


def _by_count(values: Iterable[FacetValue]) -> list[FacetValue]:
    return sorted(values, key=lambda v: (-v.count, v.label, v.key))


def facet_values(query: SearchQuery, counts: Counts) -> dict[str, list[FacetValue]]:
    keys: dict[str, dict[str, int]] = {name: {} for name in FACET_KEYS}
    for (facet, key), count in counts.items():
        if facet in keys:
            keys[facet][key] = count
    facets: dict[str, list[FacetValue]] = {}

    # categories: counted by id (a product counts for its category and every ancestor)
    category_ids = [int(k) for k in keys["category"]]
    rows = Category.objects.filter(pk__in=category_ids) | Category.objects.filter(
        slug__in=query.category_slugs
    )
    categories = (
        list(rows.values_list("pk", "slug", "name")) if category_ids or query.category_slugs else []
    )
    facets["category"] = _by_count(
        FacetValue(slug, name, keys["category"].get(str(pk), 0), slug in query.category_slugs)
        for pk, slug, name in categories
    )

    county_codes = set(keys["county"]) | set(query.county_codes)
    names = (
        dict(
            Region.objects.filter(code__in=county_codes, level=RegionLevel.COUNTY).values_list(
                "code", "name"
            )
        )
        if county_codes
        else {}
    )
    facets["county"] = _by_count(
        FacetValue(
            code, names.get(code, code), keys["county"].get(code, 0), code in query.county_codes
        )
        for code in county_codes
    )

    slugs = set(keys["certification"]) | set(query.certifications)
    labels = (
        dict(
            AttributeValue.objects.filter(
                attribute__slug=CERTIFICATIONS_ATTRIBUTE, slug__in=slugs
            ).values_list("slug", "name")
        )
        if slugs
        else {}
    )
    facets["certification"] = _by_count(
        FacetValue(
            slug,
            labels.get(slug, slug),
            keys["certification"].get(slug, 0),
            slug in query.certifications,
        )
        for slug in slugs
    )

    facets["tag"] = [
        FacetValue(code, str(TAGS[code].label), keys["tag"].get(code, 0), code in query.tags)
        for code in TAG_ORDER
        if keys["tag"].get(code) or code in query.tags
    ]
    facets["price_band"] = [
        FacetValue(
            key, str(price_band_label(key)), keys["price_band"].get(key, 0), key == query.price_band
        )
        for key in PRICE_BANDS
        if keys["price_band"].get(key) or key == query.price_band
    ]
    return facets
