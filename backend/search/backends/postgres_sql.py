"""SQL pieces of the PostgreSQL search: the WHERE clause, the relevance and boost expressions.

Everything the user typed reaches PostgreSQL as a bound parameter; the only text pasted into
the statement is built here from fixed column names and counters. Query terms contain only
letters and digits (backend/search/text.py), and go in as tsquery parameters all the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from backend.catalog.models import Category
from backend.search.interface import SearchQuery
from backend.search.models import TAG_WINDOW_COLUMNS, SearchDocument, SearchSpelling
from backend.search.ranking import FIELD_POINTS, TAG_KINDS, TYPO_POINTS, RankingPolicy
from backend.search.text import prefix_allowed

DOC = SearchDocument._meta.db_table
CATEGORY = Category._meta.db_table
SPELLING = SearchSpelling._meta.db_table
FACET_FLAGS = ("f_category", "f_county", "f_certification", "f_tag", "f_price_band")


def tsquery_term(term: str, weights: str = "") -> str:
    prefix = "*" if prefix_allowed(term) else ""
    marks = f":{prefix}{weights}" if prefix or weights else ""
    return f"'{term}'{marks}"


@dataclass
class Statement:
    """A growing list of named parameters and the SQL fragments that use them."""

    params: dict[str, Any] = field(default_factory=dict)

    def bind(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"%({name})s"


def live_expression(kind: str, now_param: str) -> str:
    return f"(d.{TAG_WINDOW_COLUMNS[kind]} @> {now_param}::timestamptz)"


def mask_expression(now_param: str) -> str:
    parts = [
        f"({live_expression(kind, now_param)})::int * {1 << i}" for i, kind in enumerate(TAG_KINDS)
    ]
    return "(" + " + ".join(parts) + ")"


@dataclass
class Plan:
    """The pieces of one search: source, common WHERE, facet flags, and ranking in two phases.

    Phase one runs on every matching row and reads only its narrow columns: `cheap` (text
    search: the bit mask of the query terms found in the name, from the inline `name_terms`;
    typo pass: the similarity points; no text: 0) gives each row's term points exactly when
    every term is in the name, and otherwise bounds (`lower`, `upper`: every term not in the
    name scores between the description's and the category's points). Phase two computes the
    exact points (`term_points`, the CASEs over `head_terms`, out of line) only for the rows
    that can still reach the page (see backend/search/backends/postgres.py)."""

    statement: Statement
    ctes: list[str]  # CTEs the source needs (the typo pass's close spellings)
    source: str
    where: list[str]
    flags: dict[str, str]
    cheap: str  # over `d` and the source's joins
    lower: str  # over `s.cheap`: the least term points the row can have
    upper: str  # over `s.cheap`: the most
    exact_when: str  # over `s.cheap`: TRUE when lower = upper are the row's exact points
    known_points: str  # over `s.cheap`: the int[] of term points when `exact_when` holds
    term_points: list[str]  # one CASE per query term over `d` (empty: no text or typo)
    boost_table: str  # the bound boost table: `(table::int[])[mask + 1]` is a row's boost
    term_count: int
    mask: str
    typo: bool

    def boost_of(self, mask: str) -> str:
        return f"({self.boost_table}::int[])[{mask} + 1]"


def build_plan(
    query: SearchQuery,
    *,
    terms: list[str],
    fuzzy_spelling: str | None,
    policy: RankingPolicy,
    now: datetime,
) -> Plan:
    st = Statement()
    now_param = st.bind(now)
    source = f"{DOC} d"
    where = [
        f"d.channel_slug = {st.bind(query.channel_slug)}",
        f"(d.published_at IS NULL OR d.published_at <= {now_param})",
    ]
    if query.product_ids is not None:
        where.append(f"d.product_id = ANY({st.bind(list(query.product_ids))}::int[])")
    if query.producer_ids is not None:
        where.append(f"d.producer_id = ANY({st.bind(list(query.producer_ids))}::int[])")
    if query.zone_only:
        where.append("(" + " OR ".join(live_expression(k, now_param) for k in TAG_KINDS) + ")")

    term_points: list[str] = []
    term_count = 0
    cheap = "0"
    lower = upper = str(FIELD_POINTS["A"])
    exact_when = "TRUE"
    known = "'{}'::int[]"
    ctes: list[str] = []
    if fuzzy_spelling is not None:
        # The close spellings come from the small dictionary (`<%` uses its trigram index and
        # the session's threshold), each scored once; the documents with those spellings by
        # equality (a bitmap over the spelling index), joined to their points.
        spell = st.bind(fuzzy_spelling)
        ctes.append(
            f"close AS MATERIALIZED (SELECT s.spelling, floor(word_similarity({spell}, "
            f"s.spelling) * {TYPO_POINTS})::int AS points FROM {SPELLING} s "
            f"WHERE {spell} <%% s.spelling)"
        )
        source += " JOIN close t ON t.spelling = d.spelling"
        where.append("d.spelling = ANY(ARRAY(SELECT c.spelling FROM close c))")
        cheap = "t.points"
        lower = upper = "s.cheap"
        known = "ARRAY[s.cheap]"
        term_count = 1
    elif terms:
        everything = " & ".join(tsquery_term(t) for t in terms)
        where.append(f"d.terms @@ {st.bind(everything)}::tsquery")
        bits = []
        for i, term in enumerate(terms):
            found = f"d.name_terms @@ {st.bind(tsquery_term(term))}::tsquery"
            bits.append(f"(coalesce({found}, FALSE))::int * {1 << i}")
            cases = " ".join(
                f"WHEN d.head_terms @@ {st.bind(tsquery_term(term, letter))}::tsquery THEN {points}"
                for letter, points in FIELD_POINTS.items()
                if letter != "D"
            )
            term_points.append(f"(CASE {cases} ELSE {FIELD_POINTS['D']} END)")
        cheap = "(" + " + ".join(bits) + ")"
        name, best_other, least = FIELD_POINTS["A"], FIELD_POINTS["B"], FIELD_POINTS["D"]

        def bound(other: int) -> str:
            return " + ".join(
                f"(CASE WHEN s.cheap & {1 << i} <> 0 THEN {name} ELSE {other} END)"
                for i in range(len(terms))
            )

        lower, upper = bound(least), bound(best_other)
        exact_when = f"s.cheap = {(1 << len(terms)) - 1}"
        known = f"ARRAY[{', '.join([str(name)] * len(terms))}]::int[]"
        term_count = len(terms)
    mask = mask_expression(now_param)
    boost_table = st.bind(policy.boost_table())
    return Plan(
        statement=st,
        ctes=ctes,
        source=source,
        where=where,
        flags=_facet_flags(query, st, now_param),
        cheap=cheap,
        lower=lower,
        upper=upper,
        exact_when=exact_when,
        known_points=known,
        term_points=term_points,
        boost_table=boost_table,
        term_count=term_count,
        mask=mask,
        typo=fuzzy_spelling is not None,
    )


def _facet_flags(query: SearchQuery, st: Statement, now_param: str) -> dict[str, str]:
    flags = dict.fromkeys(FACET_FLAGS, "TRUE")
    if query.category_slugs:
        slugs = st.bind(list(query.category_slugs))
        flags["f_category"] = (
            f"(d.category_ids && ARRAY(SELECT c.id FROM {CATEGORY} c "
            f"WHERE c.slug = ANY({slugs}::text[])))"
        )
    if query.county_codes:
        flags["f_county"] = f"(d.county_code = ANY({st.bind(list(query.county_codes))}::text[]))"
    if query.certifications:
        slugs = st.bind(list(query.certifications))
        flags["f_certification"] = f"(d.certification_slugs && {slugs}::varchar[])"
    kinds = [k for k in query.tags if k in TAG_WINDOW_COLUMNS]
    if query.tags:
        flags["f_tag"] = (
            "(" + " OR ".join(live_expression(k, now_param) for k in kinds) + ")"
            if kinds
            else "FALSE"
        )
    if query.price_band:
        band = query.band
        if band is None:
            flags["f_price_band"] = "FALSE"
        else:
            low, high = band
            parts = ["d.price IS NOT NULL"]
            if low is not None:
                parts.append(f"d.price >= {st.bind(low)}")
            if high is not None:
                parts.append(f"d.price < {st.bind(high)}")
            flags["f_price_band"] = "(" + " AND ".join(parts) + ")"
    return flags
