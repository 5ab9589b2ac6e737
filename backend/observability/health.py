"""`/health/live` (the process answers) and `/health/ready` (the database, Redis when configured,
and the search backend answer), for docker-compose and load balancers: JSON, 500 when a check
fails, with no detail that could leak secrets. The checks are django-health-check's classes
(and two of ours), run synchronously."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from health_check.base import HealthCheck
from health_check.checks import Database
from health_check.exceptions import HealthCheckException, ServiceUnavailable


@dataclasses.dataclass
class RedisPing(HealthCheck):
    url: str = dataclasses.field(default="", repr=False)

    def run(self) -> None:
        import redis

        client = redis.Redis.from_url(self.url, socket_timeout=2, socket_connect_timeout=2)
        try:
            if not client.ping():
                raise ServiceUnavailable("Redis did not answer the ping")
        except redis.RedisError as error:
            raise ServiceUnavailable("Redis is not reachable") from error
        finally:
            client.close()


@dataclasses.dataclass
class SearchBackend(HealthCheck):
    """PostgreSQL search needs pg_trgm; the Elasticsearch backend needs its cluster."""

    def run(self) -> None:
        backend = getattr(settings, "SEARCH_BACKEND", "postgres")
        if backend == "elasticsearch":
            from elasticsearch import Elasticsearch

            client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=3)
            try:
                if not client.ping():
                    raise ServiceUnavailable("Elasticsearch did not answer")
            finally:
                client.close()
            return
        with connection.temporary_connection() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            if cursor.fetchone() is None:
                raise ServiceUnavailable("the pg_trgm extension is missing")


def readiness_checks() -> list[Any]:
    checks: list[Any] = [Database, SearchBackend]
    redis_url = getattr(settings, "REDIS_URL", "")
    if redis_url:
        checks.append((RedisPing, {"url": redis_url}))
    return checks


def _instances(checks: list[Any]) -> list[HealthCheck]:
    made: list[HealthCheck] = []
    for check in checks:
        cls, options = check if isinstance(check, tuple) else (check, {})
        made.append(cls(**options))
    return made


@transaction.non_atomic_requests
def live_view(request: HttpRequest) -> HttpResponse:
    """The process answers: no database, no network."""
    response = JsonResponse({})
    add_never_cache_headers(response)
    return response


@transaction.non_atomic_requests
def ready_view(request: HttpRequest) -> HttpResponse:
    """Each readiness check run in turn (synchronously: gunicorn's workers are synchronous and
    the checks are quick); 500 when one fails, naming it with a message that leaks no secret."""
    results: dict[str, str] = {}
    for check in _instances(readiness_checks()):
        try:
            check.run()  # type: ignore[unused-coroutine]
        except HealthCheckException as error:
            results[repr(check)] = str(error)
        except Exception:  # an unexpected failure: say so, never its text (may hold secrets)
            results[repr(check)] = "unavailable: unexpected error"
        else:
            results[repr(check)] = "OK"
    failed = any(status != "OK" for status in results.values())
    response = JsonResponse(results, status=500 if failed else 200)
    add_never_cache_headers(response)
    return response
