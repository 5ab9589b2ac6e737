"""What keeps the index current: the domain events the other apps already write.

Every service that changes something search shows writes an audit row in its own transaction
(backend/audit/events.py): product created, updated, published, unpublished, price, stock or
photo changed; verification approved or revoked; shop profile updated. Listening to those rows
(instead of each model's saves) means the search app needs no hook inside other apps'
services, and it sees exactly the changes that commit: the task is queued with
`transaction.on_commit`, so a rolled-back change never reaches the index and the worker reads
committed rows. Lapses need no event at all: tag windows are compared with the current time
when searching. Changes made outside the services (the Django admin, bulk scripts) are caught
up by `manage.py search_reindex`.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from backend.audit.models import AuditEvent, AuditEventType

PRODUCT_EVENTS = frozenset(
    {
        AuditEventType.PRODUCT_CREATED,
        AuditEventType.PRODUCT_UPDATED,
        AuditEventType.PRODUCT_PUBLISHED,
        AuditEventType.PRODUCT_UNPUBLISHED,
        AuditEventType.PRODUCT_STOCK_CHANGED,
        AuditEventType.PRODUCT_MEDIA_CHANGED,
        AuditEventType.PRODUCT_PRICE_CHANGED,
    }
)
PRODUCER_EVENTS = frozenset(
    {
        AuditEventType.VERIFICATION_APPROVED,
        AuditEventType.VERIFICATION_REVOKED,
        AuditEventType.SHOP_PROFILE_UPDATED,
    }
)
PRODUCT_SUBJECT = "catalog.product"


def queue_reindex_for_event(event: AuditEvent) -> None:
    """Queue the re-indexing an audit row calls for, once its transaction commits."""
    from backend.search.tasks import index_producer_products_task, index_products_task

    if event.event_type in PRODUCT_EVENTS and event.subject_type == PRODUCT_SUBJECT:
        transaction.on_commit(partial(index_products_task.delay, [int(event.subject_id)]))
    elif event.event_type in PRODUCER_EVENTS and event.seller_id is not None:
        transaction.on_commit(partial(index_producer_products_task.delay, event.seller_id))


def on_audit_event_saved(sender: Any, instance: AuditEvent, created: bool, **kwargs: Any) -> None:
    if created:
        queue_reindex_for_event(instance)
