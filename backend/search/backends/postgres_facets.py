"""The total and every facet's counts, labels included, over the matching rows `b`.

Counts are disjunctive: a facet's counts apply every filter but its own (see interface.py).
Selected values are listed even with no products left (count 0), so they can be unticked.
"""

from __future__ import annotations

from backend.catalog.models import Attribute, AttributeValue
from backend.regions.models import Region, RegionLevel
from backend.search.backends.postgres_sql import CATEGORY, FACET_FLAGS, Plan
from backend.search.documents import CERTIFICATIONS_ATTRIBUTE
from backend.search.interface import PRICE_BANDS, SearchQuery
from backend.search.ranking import TAG_KINDS

REGION = Region._meta.db_table
VALUE = AttributeValue._meta.db_table
ATTRIBUTE = Attribute._meta.db_table


def _flags(skip: str | None = None) -> str:
    return " AND ".join(f"b.{name}" for name in FACET_FLAGS if name != skip)


def matches_cte(plan: Plan) -> str:
    """`b`: every row the text and the common filters match, read once, with its facet flags
    and, where every filter holds, its first-phase ranking value `cheap` (NULL elsewhere, so
    rows only counted for a facet are not ranked). Narrow, so it stays in memory."""
    flags = ", ".join(f"{expr} AS {name}" for name, expr in plan.flags.items())
    every = " AND ".join(plan.flags.values())
    return (
        f"b AS MATERIALIZED (SELECT d.id AS doc_id, d.product_id, d.category_ids, "
        f"d.county_code, d.certification_slugs, d.price, d.product_created_at, "
        f"{plan.mask} AS mask, {flags}, CASE WHEN {every} THEN {plan.cheap} END AS cheap "
        f"FROM {plan.source} WHERE {' AND '.join(plan.where)})"
    )


def facet_parts(plan: Plan, query: SearchQuery) -> list[str]:
    """SELECTs of `(facet, key, label, n)` over `b`: the total, and with facets every count."""
    st = plan.statement
    parts = [
        f"SELECT 'total' AS facet, '' AS key, '' AS label, count(*) AS n FROM b WHERE {_flags()}"
    ]
    if query.with_facets:
        certifications = (
            f"(SELECT v.slug, v.name FROM {VALUE} v JOIN {ATTRIBUTE} a ON a.id = v.attribute_id "
            f"WHERE a.slug = '{CERTIFICATIONS_ATTRIBUTE}')"
        )
        # The total, the tags and the price bands in one pass over `b`, one count each, then
        # one row per count (a tag or band nothing has is left out, as a GROUP BY would).
        counts = [("total", "", f"count(*) FILTER (WHERE {_flags()})")]
        counts += [
            ("tag", kind, f"count(*) FILTER (WHERE b.mask & {1 << i} <> 0 AND {_flags('f_tag')})")
            for i, kind in enumerate(TAG_KINDS)
        ]
        for key, (low, high) in PRICE_BANDS.items():
            bounds = ["b.price IS NOT NULL"]
            bounds += [f"b.price >= {low}"] if low is not None else []
            bounds += [f"b.price < {high}"] if high is not None else []
            bounds.append(_flags("f_price_band"))
            counts.append(("price_band", key, f"count(*) FILTER (WHERE {' AND '.join(bounds)})"))
        columns = ", ".join(f"{expr} AS c{i}" for i, (_f, _k, expr) in enumerate(counts))
        unpivot = ", ".join(f"('{f}', '{k}', a.c{i})" for i, (f, k, _e) in enumerate(counts))
        parts = [
            f"SELECT x.facet, x.key, '', x.n FROM (SELECT {columns} FROM b) a, "
            f"LATERAL (VALUES {unpivot}) x(facet, key, n) WHERE x.n > 0 OR x.facet = 'total'",
            # Grouped first, labelled after: a label lookup per value, not per row. Arrays
            # (a category path, a set of certifications) are grouped whole, then unnested:
            # a few dozen distinct arrays instead of one unnest per matching row.
            f"SELECT 'category', cat.slug, cat.name, x.n FROM (SELECT c, sum(g.n)::int AS n "
            f"FROM (SELECT b.category_ids AS ids, count(*) AS n FROM b "
            f"WHERE {_flags('f_category')} GROUP BY b.category_ids) g, unnest(g.ids) c "
            f"GROUP BY c) x JOIN {CATEGORY} cat ON cat.id = x.c",
            f"SELECT 'county', x.code, coalesce((SELECT min(r.name) FROM {REGION} r "
            f"WHERE r.code = x.code AND r.level = {int(RegionLevel.COUNTY)}), x.code), x.n "
            f"FROM (SELECT b.county_code AS code, count(*) AS n FROM b "
            f"WHERE b.county_code <> '' AND {_flags('f_county')} GROUP BY b.county_code) x",
            f"SELECT 'certification', x.s, coalesce((SELECT min(v.name) FROM {certifications} v "
            f"WHERE v.slug = x.s), x.s), x.n FROM (SELECT s, sum(g.n)::int AS n "
            f"FROM (SELECT b.certification_slugs AS slugs, count(*) AS n FROM b "
            f"WHERE {_flags('f_certification')} GROUP BY b.certification_slugs) g "
            f"CROSS JOIN unnest(g.slugs) s GROUP BY s) x",
        ]
        if query.category_slugs:
            slugs = st.bind(list(query.category_slugs))
            parts.append(
                f"SELECT 'category', slug, name, 0 FROM {CATEGORY} "
                f"WHERE slug = ANY({slugs}::text[])"
            )
        if query.county_codes:
            codes = st.bind(list(query.county_codes))
            parts.append(
                f"SELECT 'county', code, name, 0 FROM {REGION} WHERE code = ANY({codes}::text[]) "
                f"AND level = {int(RegionLevel.COUNTY)}"
            )
        if query.certifications:
            slugs = st.bind(list(query.certifications))
            parts.append(
                f"SELECT 'certification', slug, name, 0 FROM {certifications} v "
                f"WHERE slug = ANY({slugs}::text[])"
            )
    return parts
