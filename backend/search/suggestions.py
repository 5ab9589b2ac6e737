""" "Did you mean": the indexed word whose pinyin spelling best matches the query's (pg_trgm
over the small `SearchTerm` vocabulary), asked only when a search found nothing, typo pass
included. A word found inside a longer query counts (word similarity: "核桃仁干果" → 核桃), as
does a whole-word likeness ("hetaoo" → 核桃)."""

from __future__ import annotations

from django.db import connection

from backend.search.models import SearchTerm
from backend.search.text import normalise, query_spelling

MIN_SIMILARITY = 0.5


def suggest(text: str) -> str | None:
    spell = query_spelling(text).replace(" ", "")
    typed = normalise(text).replace(" ", "")
    if not spell:
        return None
    table = SearchTerm._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term FROM ("
            "SELECT term, greatest(word_similarity(spelling, %(spell)s), "
            f"similarity(spelling, %(spell)s)) AS closeness FROM {table} "
            "WHERE term <> %(typed)s) t WHERE closeness >= %(min)s "
            "ORDER BY closeness DESC, length(term) DESC, term LIMIT 1",
            {"spell": spell, "min": MIN_SIMILARITY, "typed": typed},
        )
        row = cursor.fetchone()
    return str(row[0]) if row else None
