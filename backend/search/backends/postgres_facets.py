"""The total and every facet's counts, labels included, over the matching rows `b`.

Counts are disjunctive: a facet's counts apply every filter but its own (see interface.py).
Selected values are listed even with no products left (count 0), so they can be unticked.
"""

from __future__ import annotations

from backend.catalog.models import Attribute, AttributeValue
from backend.regions.models import Region, RegionLevel
from backend.search.backends.postgres_sql import CATEGORY, DOC, FACET_FLAGS, Plan
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
    and, where every filter holds, its points per query term (NULL elsewhere, so rows only
    counted for a facet are not scored). Narrow, so it stays in memory."""
    flags = ", ".join(f"{expr} AS {name}" for name, expr in plan.flags.items())
    points = f"ARRAY[{', '.join(plan.term_points)}]::int[]" if plan.term_points else "'{}'::int[]"
    every = " AND ".join(plan.flags.values())
    return (
        f"b AS MATERIALIZED (SELECT d.product_id, d.category_ids, d.county_code, "
        f"d.certification_slugs, d.price, d.product_created_at, {plan.mask} AS mask, {flags}, "
        f"CASE WHEN {every} THEN {points} END AS term_points "
        f"FROM {DOC} d WHERE {' AND '.join(plan.where)})"
    )


def facet_parts(plan: Plan, query: SearchQuery) -> list[str]:
    """SELECTs of `(facet, key, label, n)` over `b`: the total, and with facets every count."""
    st = plan.statement
    parts = [
        f"SELECT 'total' AS facet, '' AS key, '' AS label, count(*) AS n FROM b WHERE {_flags()}"
    ]
    if query.with_facets:
        county = f"{REGION} r ON r.code = b.county_code AND r.level = {int(RegionLevel.COUNTY)}"
        certifications = (
            f"(SELECT v.slug, v.name FROM {VALUE} v JOIN {ATTRIBUTE} a ON a.id = v.attribute_id "
            f"WHERE a.slug = '{CERTIFICATIONS_ATTRIBUTE}')"
        )
        bits = ", ".join(f"('{kind}', {1 << i})" for i, kind in enumerate(TAG_KINDS))
        bands = ", ".join(
            f"('{key}', {low if low is not None else 'NULL'}::numeric, "
            f"{high if high is not None else 'NULL'}::numeric)"
            for key, (low, high) in PRICE_BANDS.items()
        )
        parts += [
            f"SELECT 'category', cat.slug, cat.name, count(*) FROM b, unnest(b.category_ids) c "
            f"JOIN {CATEGORY} cat ON cat.id = c WHERE {_flags('f_category')} "
            "GROUP BY cat.slug, cat.name",
            f"SELECT 'county', b.county_code, coalesce(min(r.name), b.county_code), count(*) "
            f"FROM b LEFT JOIN {county} WHERE b.county_code <> '' AND {_flags('f_county')} "
            "GROUP BY b.county_code",
            f"SELECT 'certification', s, coalesce(min(v.name), s), count(*) "
            f"FROM b CROSS JOIN unnest(b.certification_slugs) s LEFT JOIN {certifications} v "
            f"ON v.slug = s WHERE {_flags('f_certification')} GROUP BY s",
            f"SELECT 'tag', t.kind, '', count(*) FROM b, (VALUES {bits}) t(kind, bit) "
            f"WHERE b.mask & t.bit <> 0 AND {_flags('f_tag')} GROUP BY t.kind",
            f"SELECT 'price_band', p.key, '', count(*) FROM b, (VALUES {bands}) p(key, low, high) "
            "WHERE b.price IS NOT NULL AND (p.low IS NULL OR b.price >= p.low) "
            f"AND (p.high IS NULL OR b.price < p.high) AND {_flags('f_price_band')} "
            "GROUP BY p.key",
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
