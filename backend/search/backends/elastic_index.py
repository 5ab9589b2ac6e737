"""The Elasticsearch index: mappings (elasticsearch.dsl) and bulk writes of the same documents
the PostgreSQL index holds (backend/search/documents.py).

Terms are pre-segmented by the same rjieba/pypinyin code and joined by spaces into one text
field per weight group (`terms_a` … `terms_d`) analysed by the `whitespace` analyzer, so
Elasticsearch sees exactly the terms PostgreSQL sees and neither side segments differently.
Tag windows are `date_range` fields (one per kind, several ranges each), compared with the
current time at query time, as in PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.dsl import Index, Mapping
from elasticsearch.helpers import bulk

from backend.search.documents import Document
from backend.search.models import TAG_WINDOW_COLUMNS

WEIGHT_FIELDS = {"A": "terms_a", "B": "terms_b", "C": "terms_c", "D": "terms_d"}


def client() -> Elasticsearch:
    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)


def index_name() -> str:
    return str(settings.ELASTICSEARCH_INDEX)


def mapping() -> Mapping:
    m = Mapping()
    for name in ("product_id", "producer_id", "category_ids"):
        m.field(name, "integer")
    for name in ("channel_slug", "county_code", "certification_slugs", "name"):
        m.field(name, "keyword")
    for name in WEIGHT_FIELDS.values():
        m.field(name, "text", analyzer="whitespace")
    m.field("spelling", "text", analyzer="whitespace")
    m.field("price", "scaled_float", scaling_factor=100)
    m.field("in_stock", "boolean")
    m.field("published_at", "date")
    m.field("product_created_at", "date")
    for column in TAG_WINDOW_COLUMNS.values():
        m.field(column, "date_range")
    return m


def document_source(doc: Document) -> dict[str, Any]:
    source: dict[str, Any] = {
        "product_id": doc.product_id,
        "channel_slug": doc.channel_slug,
        "producer_id": doc.producer_id,
        "name": doc.name,
        "spelling": doc.spelling,
        "category_ids": doc.category_ids,
        "county_code": doc.county_code,
        "certification_slugs": doc.certification_slugs,
        "price": float(doc.price) if doc.price is not None else None,
        "in_stock": doc.in_stock,
        "published_at": doc.published_at.isoformat() if doc.published_at else None,
        "product_created_at": doc.product_created_at.isoformat(),
    }
    for letter, field in WEIGHT_FIELDS.items():
        source[field] = " ".join(doc.terms.get(letter, []))
    for kind, column in TAG_WINDOW_COLUMNS.items():
        source[column] = [
            {"gte": w.valid_from.isoformat(), "lt": w.valid_until.isoformat()}
            for w in doc.tag_windows.get(kind, [])
        ]
    return source


class ElasticsearchIndex:
    def __init__(self, es: Elasticsearch | None = None, name: str | None = None) -> None:
        self.es = es or client()
        self.name = name or index_name()

    def create(self, *, recreate: bool = False) -> bool:
        """Create the index with its mappings; False when it already exists."""
        index = Index(self.name, using=self.es)
        if index.exists():
            if not recreate:
                return False
            index.delete()
        index.mapping(mapping())
        index.create()
        return True

    def write_documents(self, product_ids: Sequence[int], documents: Sequence[Document]) -> None:
        """Replace the products' documents: delete theirs, then one bulk request."""
        if product_ids:
            self.es.delete_by_query(
                index=self.name,
                query={"terms": {"product_id": list(product_ids)}},
                refresh=True,
                conflicts="proceed",
            )
        actions = [
            {
                "_index": self.name,
                "_id": f"{doc.product_id}-{doc.channel_id}",
                "_source": document_source(doc),
            }
            for doc in documents
        ]
        if actions:
            bulk(self.es, actions, refresh=True)
