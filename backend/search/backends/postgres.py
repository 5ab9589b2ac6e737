"""PostgreSQL search backend: GIN-indexed tsvector of pre-segmented terms, pinyin terms in the
same vector, pg_trgm word similarity on the pinyin spelling for typos, facet counts in SQL.

A search costs one statement for the facets and the total, one for the page of hits (skipped
when nothing matched) and, when nothing matched, the typo pass and a "did you mean" lookup.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection

from backend.search.backends.postgres_sql import DOC, FACET_FLAGS, Plan, build_plan
from backend.search.explain import explanation_for
from backend.search.facets import facet_values
from backend.search.interface import FACET_KEYS, PRICE_BANDS, SearchHit, SearchQuery, SearchResult
from backend.search.ranking import TAG_KINDS, Ranked, RankingPolicy
from backend.search.suggestions import suggest
from backend.search.text import query_spelling, query_terms

TYPO_THRESHOLD = 0.4  # pinyin word similarity for the typo pass ("hetoa" ~ "hetao": 0.5)
ORDER_BY = {
    "relevance": "sort_key DESC, relevance DESC, d.product_created_at DESC, d.product_id DESC",
    "price_asc": "d.price ASC NULLS LAST, sort_key DESC, d.product_id DESC",
    "price_desc": "d.price DESC NULLS LAST, sort_key DESC, d.product_id DESC",
    "newest": "d.product_created_at DESC, d.product_id DESC",
}


def _all_flags(plan: Plan, skip: str | None = None) -> str:
    return " AND ".join(f"b.{name}" for name in FACET_FLAGS if name != skip) or "TRUE"


def _facet_sql(plan: Plan, with_facets: bool) -> str:
    flags = ", ".join(f"{expr} AS {name}" for name, expr in plan.flags.items())
    base = (
        f"WITH b AS MATERIALIZED (SELECT d.category_ids, d.county_code, d.certification_slugs, "
        f"d.price, {plan.mask} AS mask, {flags} FROM {DOC} d WHERE {' AND '.join(plan.where)})"
    )
    parts = [f"SELECT 'total' AS facet, '' AS key, count(*) AS n FROM b WHERE {_all_flags(plan)}"]
    if with_facets:
        bits = ", ".join(f"('{kind}', {1 << i})" for i, kind in enumerate(TAG_KINDS))
        bands = ", ".join(
            f"('{key}', {low if low is not None else 'NULL'}::numeric, "
            f"{high if high is not None else 'NULL'}::numeric)"
            for key, (low, high) in PRICE_BANDS.items()
        )
        parts += [
            "SELECT 'category', c::text, count(*) FROM b, unnest(b.category_ids) c "
            f"WHERE {_all_flags(plan, 'f_category')} GROUP BY c",
            "SELECT 'county', b.county_code, count(*) FROM b "
            f"WHERE b.county_code <> '' AND {_all_flags(plan, 'f_county')} GROUP BY b.county_code",
            "SELECT 'certification', s, count(*) FROM b, unnest(b.certification_slugs) s "
            f"WHERE {_all_flags(plan, 'f_certification')} GROUP BY s",
            f"SELECT 'tag', t.kind, count(*) FROM b, (VALUES {bits}) t(kind, bit) "
            f"WHERE b.mask & t.bit <> 0 AND {_all_flags(plan, 'f_tag')} GROUP BY t.kind",
            f"SELECT 'price_band', p.key, count(*) FROM b, (VALUES {bands}) p(key, low, high) "
            "WHERE b.price IS NOT NULL AND (p.low IS NULL OR b.price >= p.low) "
            f"AND (p.high IS NULL OR b.price < p.high) AND {_all_flags(plan, 'f_price_band')} "
            "GROUP BY p.key",
        ]
    return base + " " + " UNION ALL ".join(parts)


def _hits_sql(plan: Plan, query: SearchQuery) -> tuple[str, dict[str, Any]]:
    st = plan.statement
    flags = " AND ".join(plan.flags.values())
    n = max(plan.term_count, 1)
    points = f"ARRAY[{', '.join(plan.term_points)}]::int[]" if plan.term_points else "'{}'::int[]"
    sql = (
        f"SELECT d.product_id, relevance, boost, sort_key, term_points, mask FROM ("
        f"SELECT d.product_id, d.price, d.product_created_at, r.relevance, r.boost, r.term_points,"
        f" r.mask, r.relevance + {n} * r.boost AS sort_key FROM {DOC} d, LATERAL (SELECT "
        f"{plan.relevance} AS relevance, {plan.boost} AS boost, {points} AS term_points, "
        f"{plan.mask} AS mask) r WHERE {' AND '.join(plan.where)} AND {flags}) d "
        f"ORDER BY {ORDER_BY[query.sort_key]} "
        f"LIMIT {st.bind(query.page_limit)} OFFSET {st.bind(query.page_offset)}"
    )
    return sql, st.params


class PostgresBackend:
    name = "postgres"

    def search(self, query: SearchQuery, *, policy: RankingPolicy, now: datetime) -> SearchResult:
        terms = query_terms(query.text)
        plan = build_plan(query, terms=terms, fuzzy_spelling=None, policy=policy, now=now)
        counts = self._counts(plan, query)
        total = counts.pop(("total", ""), 0)
        if total == 0 and query.text.strip() and (spell := query_spelling(query.text)):
            plan = build_plan(query, terms=terms, fuzzy_spelling=spell, policy=policy, now=now)
            counts = self._counts(plan, query)
            total = counts.pop(("total", ""), 0)
        hits = self._hits(plan, query, policy, terms) if total and query.page_limit else []
        facets = facet_values(query, counts) if query.with_facets else {}
        suggestion = suggest(query.text) if total == 0 and query.text.strip() else None
        return SearchResult(hits=hits, total=total, facets=facets, suggestion=suggestion)

    def _counts(self, plan: Plan, query: SearchQuery) -> dict[tuple[str, str], int]:
        with connection.cursor() as cursor:
            if plan.typo:
                # `<%` (index-assisted word similarity) compares with this session setting.
                cursor.execute(
                    "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
                    [str(TYPO_THRESHOLD)],
                )
            cursor.execute(_facet_sql(plan, query.with_facets), plan.statement.params)
            return {(facet, key): int(n) for facet, key, n in cursor.fetchall()}

    def _hits(
        self, plan: Plan, query: SearchQuery, policy: RankingPolicy, terms: list[str]
    ) -> list[SearchHit]:
        sql, params = _hits_sql(plan, query)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        hits = []
        for product_id, relevance, boost, sort_key, term_points, mask in rows:
            live = [kind for i, kind in enumerate(TAG_KINDS) if mask & (1 << i)]
            ranked = Ranked(
                term_count=plan.term_count,
                relevance_points=relevance,
                boost_points=boost,
                sort_key_points=sort_key,
            )
            hits.append(
                SearchHit(
                    product_id=product_id,
                    explanation=explanation_for(
                        ranked,
                        policy=policy,
                        live_tags=live,
                        terms=terms,
                        term_points=list(term_points),
                        typo=plan.typo,
                    ),
                )
            )
        return hits


__all__ = ["FACET_KEYS", "PostgresBackend"]
