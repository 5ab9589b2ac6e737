"""`/health/live` (the process answers) and `/health/ready` (the database, Redis when configured,
and the search backend answer), for docker-compose and load balancers. JSON with
`?format=json` or `Accept: application/json`; 500 when a check fails, with no detail that
could leak secrets."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.conf import settings
from django.db import connection
from health_check.base import HealthCheck
from health_check.checks import Database
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


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


class LiveView(HealthCheckView):
    checks = ()


class ReadyView(HealthCheckView):
    def get_checks(self) -> Any:
        self.checks = readiness_checks()
        return super().get_checks()
