"""Writing documents into the PostgreSQL index: delete the products' rows, insert the new ones,
in one transaction, and add their words to the "did you mean" vocabulary and their spellings
to the typo pass's dictionary (entries are never removed: a spelling no document has any more
just finds nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction

from backend.search.documents import Document, Window
from backend.search.models import TAG_WINDOW_COLUMNS, SearchDocument, SearchSpelling, SearchTerm
from backend.search.text import spelling

DOC = SearchDocument._meta.db_table
TERM = SearchTerm._meta.db_table
SPELLING = SearchSpelling._meta.db_table
COLUMNS = (
    "product_id, channel_id, channel_slug, producer_id, name, terms, head_terms, name_terms, "
    "spelling, "
    "category_ids, "
    "county_code, certification_slugs, price, currency, in_stock, published_at, "
    "product_created_at, " + ", ".join(TAG_WINDOW_COLUMNS.values()) + ", indexed_at"
)
PLACEHOLDERS = (
    "%s, %s, %s, %s, %s, %s::tsvector, %s::tsvector, %s::tsvector, %s, %s::int[], %s, "
    "%s::varchar[], "
    "%s, %s, %s, %s, %s, " + ", ".join(["%s::tstzmultirange"] * len(TAG_WINDOW_COLUMNS)) + ", now()"
)


def multirange_literal(windows: Sequence[Window]) -> str:
    ranges = ",".join(f"[{w.valid_from.isoformat()},{w.valid_until.isoformat()})" for w in windows)
    return "{" + ranges + "}"


def document_row(doc: Document) -> tuple[Any, ...]:
    return (
        doc.product_id,
        doc.channel_id,
        doc.channel_slug,
        doc.producer_id,
        doc.name,
        doc.tsvector_literal(),
        doc.tsvector_literal("ABC"),
        doc.name_terms_literal(),
        doc.spelling,
        doc.category_ids,
        doc.county_code,
        doc.certification_slugs,
        doc.price,
        doc.currency,
        doc.in_stock,
        doc.published_at,
        doc.product_created_at,
        *(multirange_literal(doc.tag_windows.get(kind, [])) for kind in TAG_WINDOW_COLUMNS),
    )


def write_documents(product_ids: Sequence[int], documents: Sequence[Document]) -> None:
    """Replace the index rows of `product_ids` with `documents` (products without documents
    leave the index)."""
    words = sorted({w for doc in documents for w in doc.vocabulary()})
    spellings = sorted({doc.spelling for doc in documents if doc.spelling})
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {DOC} WHERE product_id = ANY(%s::int[])", [list(product_ids)])
        if documents:
            cursor.executemany(
                f"INSERT INTO {DOC} ({COLUMNS}) VALUES ({PLACEHOLDERS})",
                [document_row(doc) for doc in documents],
            )
        if spellings:
            cursor.execute(
                f"INSERT INTO {SPELLING} (spelling) SELECT * FROM unnest(%s::text[]) "
                "ON CONFLICT (spelling) DO NOTHING",
                [spellings],
            )
        if words:
            cursor.execute(
                f"INSERT INTO {TERM} (term, spelling) SELECT * FROM unnest(%s::text[], %s::text[]) "
                "ON CONFLICT (term) DO NOTHING",
                [words, [spelling(w).replace(" ", "") for w in words]],
            )


def clear_index() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {DOC}")


def cluster_index() -> None:
    """Rewrite the documents in `search_doc_cluster` order (see models.py) and refresh the
    planner's statistics. Takes an exclusive lock for the rewrite: minutes at a million."""
    with connection.cursor() as cursor:
        # Deferred foreign-key checks still pending in this transaction would forbid CLUSTER.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"CLUSTER {DOC} USING search_doc_cluster")
        cursor.execute(f"ANALYZE {DOC}")
