"""Celery tasks of search: load by id, call the indexing service, nothing else."""

from __future__ import annotations

from celery import shared_task

from backend.search.indexing import index_producer_products, index_products


@shared_task(name="search.index_products", ignore_result=True)
def index_products_task(product_ids: list[int]) -> int:
    return index_products(product_ids)


@shared_task(name="search.index_producer_products", ignore_result=True)
def index_producer_products_task(producer_id: int) -> int:
    return index_producer_products(producer_id)
