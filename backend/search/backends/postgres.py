"""PostgreSQL search backend: GIN-indexed tsvector of pre-segmented terms, pinyin terms in the
same vector, pg_trgm word similarity on the pinyin spelling for typos, facet counts in SQL.

A search costs one statement setting the session's work_mem and typo threshold, one for the
total, the facets and the page of hits together (the matching rows are read once) and, when
nothing matched, the typo pass's statement and a "did you mean" lookup.

Where the time goes at a million documents (design, measured with EXPLAIN (ANALYZE, BUFFERS)):
- reading the matching rows: a common word matches 35,000-128,000 documents spread over most
  heap pages. The rows are narrow (the large vectors live out of line, see models.py), so a
  match reads ~400 bytes per row, not ~3 kB, and the GIN bitmap answers `terms @@ query`
  without rechecking (work_mem keeps it exact).
- ranking: two phases (`search_sql`), so only rows that can still reach the page are scored
  exactly; phase one needs only the inline `name_terms`.
- facets: exact and disjunctive, counted over the matching rows in memory; array facets
  (category paths, certification sets) are grouped whole before unnesting.
- typos: the query's pinyin is compared with the distinct spellings (`SearchSpelling`, one
  row per distinct product-name spelling) instead of every document; the documents of the
  close spellings are then fetched by equality on an ordinary index.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection

from backend.search.backends.postgres_facets import facet_parts, matches_cte
from backend.search.backends.postgres_sql import DOC, FACET_FLAGS, Plan, build_plan
from backend.search.explain import explanation_for
from backend.search.facets import FacetRow, facet_values
from backend.search.interface import SearchHit, SearchQuery, SearchResult
from backend.search.ranking import FIELD_POINTS, TAG_KINDS, Ranked, RankingPolicy
from backend.search.suggestions import suggest
from backend.search.text import query_spelling, query_terms

TYPO_THRESHOLD = 0.5  # pinyin word similarity for the typo pass ("hetoa" ~ "hetao": 0.5)
SEARCH_WORK_MEM = "32MB"  # an exact bitmap and an in-memory CTE at a million documents
ORDER_BY = {
    "relevance": "sort_key DESC, relevance DESC, d.product_created_at DESC, d.product_id DESC",
    "price_asc": "d.price ASC NULLS LAST, sort_key DESC, d.product_id DESC",
    "price_desc": "d.price DESC NULLS LAST, sort_key DESC, d.product_id DESC",
    "newest": "d.product_created_at DESC, d.product_id DESC",
}


def _may_reach_page(plan: Plan, query: SearchQuery, k: int) -> str:
    """The condition a row of `r` must meet to possibly be among the first k (k = offset +
    limit), from the k-th row's value of the sort's leading key by what every row already
    has (one scalar subquery, evaluated once). Only the rows that pass get exact points.

    relevance: the k-th largest *lower bound* L of the ordering key; a row whose *upper
    bound* is below L is ordered after k rows whose exact key is at least L, so it cannot be
    on the page. price: the k-th price (NULL when the k-th row has none: then every row may
    be). newest: the k-th creation time. Fewer than k rows: every row."""
    st = plan.statement
    n = max(plan.term_count, 1)
    skip = st.bind(k - 1)
    if query.sort_key == "relevance":
        kth = f"SELECT s.lower + {n} * s.boost FROM r s ORDER BY 1 DESC OFFSET {skip} LIMIT 1"
        return f"s.upper + {n} * s.boost >= coalesce(({kth}), -1)"
    if query.sort_key == "newest":
        kth = (
            "SELECT s.product_created_at FROM r s "
            f"ORDER BY s.product_created_at DESC, s.product_id DESC OFFSET {skip} LIMIT 1"
        )
        return f"s.product_created_at >= coalesce(({kth}), '-infinity'::timestamptz)"
    order, compare = ("ASC", "<=") if query.sort_key == "price_asc" else ("DESC", ">=")
    kth = f"SELECT s.price FROM r s ORDER BY s.price {order} NULLS LAST OFFSET {skip} LIMIT 1"
    # NULL (no k-th price, or a row without a price): keep the row, a harmless extra.
    return f"coalesce(s.price {compare} ({kth}), TRUE)"


def search_sql(plan: Plan, query: SearchQuery) -> str:
    """One statement: the matching rows are read once (`b`), then counted for the total and
    the facets and ranked for the page of hits. Rows are `(facet, key, label, n, product_id,
    relevance, boost, sort_key, term_points, mask)`: hits come as facet 'hit' with n their
    place on the page; counts leave the hit columns NULL.

    Ranking in two phases (provably the same page as scoring every row): `r` gives every row
    that passes all filters its boost and the bounds of its term points from `b` alone; the
    rows that can reach the first offset + limit places (see `_may_reach_page`) get their exact
    points, reading `head_terms` only when some term is not in the name."""
    st = plan.statement
    blank = "NULL::int, NULL::int, NULL::int, NULL::int, NULL::int[], NULL::int"
    parts = [
        f"SELECT f.facet, f.key, f.label, f.n, {blank} FROM ({part}) f(facet, key, label, n)"
        for part in facet_parts(plan, query)
    ]
    ctes = [*plan.ctes, matches_cte(plan)]
    if query.page_limit:
        n = max(plan.term_count, 1)
        flags = " AND ".join(f"s.{name}" for name in FACET_FLAGS)
        ctes.append(
            "r AS NOT MATERIALIZED (SELECT s.doc_id, s.product_id, s.price, "
            f"s.product_created_at, s.mask, s.cheap, {plan.boost_of('s.mask')} AS boost, "
            f"{plan.lower} AS lower, {plan.upper} AS upper FROM b s WHERE {flags})"
        )
        may_reach = _may_reach_page(plan, query, query.page_offset + query.page_limit)
        exact = (
            f"(SELECT ARRAY[{', '.join(plan.term_points)}]::int[] FROM {DOC} d "
            "WHERE d.id = s.doc_id)"
            if plan.term_points
            else "'{}'::int[]"
        )
        ctes.append(
            f"c AS (SELECT s.*, CASE WHEN {plan.exact_when} THEN {plan.known_points} "
            f"ELSE {exact} END AS term_points FROM r s WHERE {may_reach})"
        )
        relevance = (
            " + ".join(f"c.term_points[{i}]" for i in range(1, plan.term_count + 1))
            if plan.term_count
            else str(FIELD_POINTS["A"])
        )
        page = (
            f"SELECT d.product_id, d.relevance, d.boost, d.sort_key, d.term_points, d.mask FROM "
            f"(SELECT c.*, {relevance} AS relevance, {relevance} + {n} * c.boost AS sort_key "
            f"FROM c) d ORDER BY {ORDER_BY[query.sort_key]} "
            f"LIMIT {st.bind(query.page_limit)} OFFSET {st.bind(query.page_offset)}"
        )
        parts.append(
            "SELECT 'hit', '', '', (row_number() OVER ())::int, h.product_id, h.relevance, "
            f"h.boost, h.sort_key, h.term_points, h.mask FROM ({page}) h"
        )
    return "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(parts)


def _configure_session() -> None:
    """One statement before each search: `<%` (index-assisted word similarity, the typo pass)
    compares with the session's threshold; and the bitmap of a common word's matches (over
    100,000 rows at a million documents) and the matches CTE need more than the default 4 MB of
    work_mem: below it the bitmap turns lossy and every row of a lossy page is rechecked,
    reading its TOASTed `terms` (1.4 s of 1.6 s for 核桃 at a million)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('work_mem', %s, false), "
            "set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [SEARCH_WORK_MEM, str(TYPO_THRESHOLD)],
        )


class PostgresBackend:
    name = "postgres"

    def search(self, query: SearchQuery, *, policy: RankingPolicy, now: datetime) -> SearchResult:
        _configure_session()
        terms = query_terms(query.text)
        plan = build_plan(query, terms=terms, fuzzy_spelling=None, policy=policy, now=now)
        total, rows, page = self._run(plan, query)
        if total == 0 and query.text.strip() and (spell := query_spelling(query.text)):
            plan = build_plan(query, terms=terms, fuzzy_spelling=spell, policy=policy, now=now)
            total, rows, page = self._run(plan, query)
        hits = self._hits(plan, policy, terms, page)
        facets = facet_values(query, rows) if query.with_facets else {}
        suggestion = suggest(query.text) if total == 0 and query.text.strip() else None
        return SearchResult(hits=hits, total=total, facets=facets, suggestion=suggestion)

    def _run(self, plan: Plan, query: SearchQuery) -> tuple[int, list[FacetRow], list[Any]]:
        """The total, the facet rows and the page's rows, in page order."""
        with connection.cursor() as cursor:
            cursor.execute(search_sql(plan, query), plan.statement.params)
            result = cursor.fetchall()
        rows: list[FacetRow] = [
            (facet, key, label, int(n)) for facet, key, label, n, *_hit in result if facet != "hit"
        ]
        page = sorted((row for row in result if row[0] == "hit"), key=lambda row: row[3])
        total = sum(n for facet, _key, _label, n in rows if facet == "total")
        return total, [row for row in rows if row[0] != "total"], [row[4:] for row in page]

    def _hits(
        self, plan: Plan, policy: RankingPolicy, terms: list[str], page: list[Any]
    ) -> list[SearchHit]:
        hits = []
        for product_id, relevance, boost, sort_key, term_points, mask in page:
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
