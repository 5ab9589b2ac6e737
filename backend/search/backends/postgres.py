"""PostgreSQL search backend: GIN-indexed tsvector of pre-segmented terms, pinyin terms in the
same vector, pg_trgm word similarity on the pinyin spelling for typos, facet counts in SQL.

A search costs one statement for the facets and the total, one for the page of hits (skipped
when nothing matched) and, when nothing matched, the typo pass and a "did you mean" lookup.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection

from backend.search.backends.postgres_facets import facet_sql
from backend.search.backends.postgres_sql import DOC, Plan, build_plan
from backend.search.explain import explanation_for
from backend.search.facets import FacetRow, facet_values
from backend.search.interface import SearchHit, SearchQuery, SearchResult
from backend.search.ranking import TAG_KINDS, Ranked, RankingPolicy
from backend.search.suggestions import suggest
from backend.search.text import query_spelling, query_terms

TYPO_THRESHOLD = 0.5  # pinyin word similarity for the typo pass ("hetoa" ~ "hetao": 0.5)
ORDER_BY = {
    "relevance": "sort_key DESC, relevance DESC, d.product_created_at DESC, d.product_id DESC",
    "price_asc": "d.price ASC NULLS LAST, sort_key DESC, d.product_id DESC",
    "price_desc": "d.price DESC NULLS LAST, sort_key DESC, d.product_id DESC",
    "newest": "d.product_created_at DESC, d.product_id DESC",
}


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
        total, rows = self._counts(plan, query)
        if total == 0 and query.text.strip() and (spell := query_spelling(query.text)):
            plan = build_plan(query, terms=terms, fuzzy_spelling=spell, policy=policy, now=now)
            total, rows = self._counts(plan, query)
        hits = self._hits(plan, query, policy, terms) if total and query.page_limit else []
        facets = facet_values(query, rows) if query.with_facets else {}
        suggestion = suggest(query.text) if total == 0 and query.text.strip() else None
        return SearchResult(hits=hits, total=total, facets=facets, suggestion=suggestion)

    def _counts(self, plan: Plan, query: SearchQuery) -> tuple[int, list[FacetRow]]:
        with connection.cursor() as cursor:
            if plan.typo:
                # `<%` (index-assisted word similarity) compares with this session setting.
                cursor.execute(
                    "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
                    [str(TYPO_THRESHOLD)],
                )
            cursor.execute(facet_sql(plan, query), plan.statement.params)
            rows: list[FacetRow] = [(f, k, label, int(n)) for f, k, label, n in cursor.fetchall()]
        total = sum(n for facet, _key, _label, n in rows if facet == "total")
        return total, [row for row in rows if row[0] != "total"]

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


__all__ = ["PostgresBackend"]
