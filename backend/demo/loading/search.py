"""Demo search index: every demo product's documents, after `load_demo()` (which writes most
products in bulk, without the audit events that would index them one by one). Idempotent: each
run replaces the documents of every product."""

from __future__ import annotations

from backend.search.indexing import reindex_all


def load_demo_search() -> int:
    """Index every product; returns the number of documents written."""
    return reindex_all()
