"""Keeping the index current: build documents for products and write them to the backend.

`index_products(ids)` is what the Celery tasks call after a change commits; `reindex_all()` is
what `manage.py search_reindex` runs, in batches, with a progress callback. The PostgreSQL index
is always written (it is the default backend and cheap); Elasticsearch too when it is the
configured backend.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.conf import settings

from backend.catalog.models import Product
from backend.search.backends.postgres_index import write_documents
from backend.search.documents import build_documents

REINDEX_BATCH = 1000


def _elasticsearch_enabled() -> bool:
    return settings.SEARCH_BACKEND == "elasticsearch"


def index_products(product_ids: Iterable[int]) -> int:
    """Rebuild the documents of these products in the index; returns documents written."""
    ids = sorted({int(pk) for pk in product_ids})
    if not ids:
        return 0
    documents = build_documents(ids)
    write_documents(ids, documents)
    if _elasticsearch_enabled():
        from backend.search.backends.elastic_index import ElasticsearchIndex

        ElasticsearchIndex().write_documents(ids, documents)
    return len(documents)


def index_producer_products(producer_id: int) -> int:
    ids = list(Product.objects.filter(producer_id=producer_id).values_list("pk", flat=True))
    return index_products(ids)


def reindex_all(
    *, batch_size: int = REINDEX_BATCH, progress: Callable[[int], None] | None = None
) -> int:
    """Every product, in primary-key batches. Returns documents written."""
    written = 0
    last = 0
    while True:
        batch: Sequence[int] = list(
            Product.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not batch:
            return written
        written += index_products(batch)
        last = batch[-1]
        if progress is not None:
            progress(len(batch))
