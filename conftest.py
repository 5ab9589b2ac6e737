"""Shared pytest fixtures: real PostgreSQL (embedded or DATABASE_URL), official regions loaded."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        call_command("load_regions", verbosity=0)


@pytest.fixture
def channel(db):  # type: ignore[no-untyped-def]
    from backend.catalog.tests.factories import ChannelFactory

    return ChannelFactory()


@pytest.fixture
def producer(db):  # type: ignore[no-untyped-def]
    from backend.producers.tests.factories import ProducerFactory

    return ProducerFactory()


@pytest.fixture
def other_producer(db):  # type: ignore[no-untyped-def]
    from backend.producers.tests.factories import ProducerFactory
    from backend.regions.models import Region

    return ProducerFactory(name="另一家合作社", region=Region.objects.get(code="621221"))


@pytest.fixture
def redis_url(tmp_path):  # type: ignore[no-untyped-def]
    """A real redis-server of the test's own (skipped only where none is installed)."""
    from tests.local_servers import REDIS_SERVER, redis_server

    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed (make system-deps installs it)")
    with redis_server(tmp_path) as url:
        yield url
