"""The storefront's shared page parts kept in the cache: the home page's sections, a category
page's listing, the category navigation, and the product page's description, photos, producer
and facts. They are the same for every visitor, so they are kept per language under a
*catalogue version*; nothing personal (cart count, user name, CSRF token, forms with a token)
is ever inside them, and whether a product is on sale, its prices and its stock are never
taken from the cache (the product page reads them fresh; checkout checks them again).

The version changes when the catalogue does: the same audit rows that keep search current
(product created, updated, published, unpublished, price, stock or photo changed; verification
approved or revoked; shop profile updated; campaign prices) bump it once their transaction
commits, and so do category saves and deletes. Everything else that moves a page — a
verification tag or a campaign lapsing with time, a change made outside the services — shows
after at most `STOREFRONT_CACHE_SECONDS` (30 s; 0 turns the cache off, as in tests). With
Redis (`REDIS_URL`) the version is shared by every web process; with the per-process local
memory cache, a bump reaches only the process that made the change and the others within the
same 30 s.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

from backend.audit.models import AuditEvent, AuditEventType
from backend.search.subscriptions import PRODUCER_EVENTS, PRODUCT_EVENTS

VERSION_KEY = "storefront:catalogue-version"
CATALOGUE_EVENTS = (
    PRODUCT_EVENTS
    | PRODUCER_EVENTS
    | {
        AuditEventType.CAMPAIGN_PRICE_SET,
        AuditEventType.CAMPAIGN_PRICE_REMOVED,
    }
)

T = TypeVar("T")


def cache_seconds() -> int:
    return int(settings.STOREFRONT_CACHE_SECONDS)


def catalogue_version() -> int:
    """The current catalogue version (kept without expiry; a fresh cache starts a new one)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY, 0)
    return int(version)


def bump_catalogue_version() -> None:
    """Every cached part made before this call is no longer used."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there (a fresh or emptied cache): any new value is a new version
        cache.set(VERSION_KEY, time.time_ns(), None)


def bump_after_commit() -> None:
    if cache_seconds() > 0:
        transaction.on_commit(bump_catalogue_version)


def on_audit_event_saved(sender: Any, instance: AuditEvent, created: bool, **kwargs: Any) -> None:
    if created and instance.event_type in CATALOGUE_EVENTS:
        bump_after_commit()


def on_category_changed(sender: Any, **kwargs: Any) -> None:
    bump_after_commit()


def cached_shared(name: str, build: Callable[[], T]) -> T:
    """`build()`'s result (shared, non-personal data) kept under the catalogue version."""
    seconds = cache_seconds()
    if seconds <= 0:
        return build()
    # Labels (a producer's kind, facts) are translated when built: one copy per language.
    key = f"storefront:{name}:{get_language()}:{catalogue_version()}"
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, seconds)
    return found


def fragment_context() -> dict[str, int]:
    """What a template's `{% cache cache_seconds "<name>" LANGUAGE_CODE catalogue_version %}`
    needs (with 0 seconds the fragment is rendered every time)."""
    seconds = cache_seconds()
    return {
        "cache_seconds": seconds,
        "catalogue_version": catalogue_version() if seconds > 0 else 0,
    }


def lazy(build: Callable[[], T]) -> Callable[[], T]:
    """A template value computed only when a template reads it (not at all when the cached
    fragment that reads it is found), and at most once per request."""
    return functools.cache(build)
