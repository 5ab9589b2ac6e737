"""The bench database helpers; kept apart from the tests that share a loaded demo, because
switching databases closes the connection (and with it any open transaction)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.db import connection

from backend.demo.bench.database import _server_params, ensure_database, using_database

SCRATCH_DATABASE = "sunshine_bench_selftest"


@pytest.fixture
def scratch_database_name(django_db_blocker: Any) -> Iterator[str]:
    """A database name that does not exist, dropped again after the test."""
    params = _server_params(connection.settings_dict, "postgres")
    drop = f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE}"
    with django_db_blocker.unblock():
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(drop)
        yield SCRATCH_DATABASE
        connection.close()
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(drop)


def test_ensure_database_missing_database_created_once(scratch_database_name: str) -> None:
    # given a database name that does not exist yet
    # when it is ensured twice
    created = ensure_database(scratch_database_name)
    created_again = ensure_database(scratch_database_name)

    # then it was created the first time only
    assert (created, created_again) == (True, False)


def test_using_database_queries_go_there_then_back(scratch_database_name: str) -> None:
    # given the bench database exists
    ensure_database(scratch_database_name)
    original = connection.settings_dict["NAME"]

    # when queries run inside and after the block
    with using_database(scratch_database_name), connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        inside = cursor.fetchone()
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        after = cursor.fetchone()

    # then they reach the bench database inside, and the test database again after
    assert inside == (scratch_database_name,)
    assert after == (original,)
    assert connection.settings_dict["NAME"] == original


def test_using_database_same_name_as_the_application_refused(django_db_blocker: Any) -> None:
    # given the application's own database name
    name = connection.settings_dict["NAME"]

    # when asked to use it as the bench database
    # then it is refused, so the bench never writes into the application's data
    with pytest.raises(ValueError, match="must not be"), using_database(name):
        pass
