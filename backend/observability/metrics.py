"""Prometheus metrics: request counts and latency come from django-prometheus's middleware;
this module adds checkout outcomes and the Celery queue depth, and serves `/metrics` to the
addresses in METRICS_ALLOWED_IPS only (a scraper inside the deployment, not the internet).

Under gunicorn with several workers set PROMETHEUS_MULTIPROC_DIR (docker-compose does) so the
figures of every worker are summed.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from typing import Any, ParamSpec, TypeVar

import prometheus_client
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from prometheus_client import Counter, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

P = ParamSpec("P")
R = TypeVar("R")

CHECKOUT_OUTCOMES = Counter(
    "sunshine_checkout_outcomes_total",
    "Checkout completions by outcome (placed, not_ready, insufficient_stock, failed).",
    ["outcome"],
)


def checkout_outcome_of(error: BaseException | None) -> str:
    if error is None:
        return "placed"
    from backend.checkout.errors import CheckoutNotReady
    from backend.warehouse.errors import InsufficientStock

    if isinstance(error, CheckoutNotReady):
        return "not_ready"
    if isinstance(error, InsufficientStock):
        return "insufficient_stock"
    return "failed"


def counts_checkout_outcomes(function: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            result = function(*args, **kwargs)
        except Exception as error:
            CHECKOUT_OUTCOMES.labels(checkout_outcome_of(error)).inc()
            raise
        CHECKOUT_OUTCOMES.labels("placed").inc()
        return result

    return wrapper


class CeleryQueueDepthCollector(Collector):
    """Messages waiting in each Celery queue, read from Redis at scrape time."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "sunshine_celery_queue_depth", "Messages waiting in a Celery queue.", labels=["queue"]
        )
        broker = getattr(settings, "CELERY_BROKER_URL", "")
        if broker.startswith(("redis://", "rediss://", "unix://")):
            import redis

            client = redis.Redis.from_url(broker, socket_timeout=2)
            try:
                for queue in getattr(settings, "CELERY_QUEUE_NAMES", ("celery",)):
                    family.add_metric([queue], float(client.llen(queue)))
            except redis.RedisError:
                pass  # the readiness check reports Redis; metrics must not fail
            finally:
                client.close()
        yield family


def metrics_registry() -> prometheus_client.CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = prometheus_client.CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = prometheus_client.REGISTRY
    return registry


def metrics_view(request: HttpRequest) -> HttpResponse:
    allowed = getattr(settings, "METRICS_ALLOWED_IPS", ["127.0.0.1", "::1"])
    if "*" not in allowed and request.META.get("REMOTE_ADDR") not in allowed:
        return HttpResponseNotFound(b"Not Found", content_type="text/plain")
    registry = metrics_registry()
    page = prometheus_client.generate_latest(registry)
    queue_page = prometheus_client.generate_latest(_QueueRegistry())
    return HttpResponse(page + queue_page, content_type=prometheus_client.CONTENT_TYPE_LATEST)


class _QueueRegistry(prometheus_client.CollectorRegistry):
    """Only the queue-depth collector (read live, so never in a multiprocess file)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(auto_describe=False)
        self.register(CeleryQueueDepthCollector())
