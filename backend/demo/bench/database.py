"""Point Django at a separate database for the bench, creating it on the same server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.db import connections
from django.test.utils import override_settings
from psycopg import sql

DEFAULT_BENCH_DATABASE = "sunshine_bench"
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _server_params(settings_dict: dict[str, Any], dbname: str) -> dict[str, Any]:
    params: dict[str, Any] = {"dbname": dbname}
    for key, param in (("USER", "user"), ("PASSWORD", "password"), ("HOST", "host")):
        if settings_dict.get(key):
            params[param] = settings_dict[key]
    if settings_dict.get("PORT"):
        params["port"] = str(settings_dict["PORT"])
    return params


def ensure_database(name: str, *, alias: str = "default") -> bool:
    """Create database `name` on the server of `alias` unless it exists; True if created."""
    if not _NAME.match(name):
        raise ValueError(f"not a plain database name: {name!r}")
    settings_dict = connections[alias].settings_dict
    with psycopg.connect(**_server_params(settings_dict, "postgres"), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(
            sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                sql.Identifier(name)
            )
        )
    # pg_trgm, unaccent and btree_gin come from the core app's migration.
    return True


@contextmanager
def using_database(name: str, *, alias: str = "default") -> Iterator[None]:
    """Within the block, every new connection of `alias` goes to database `name`.

    This is how Django's test runner switches to the test database: change the connection's
    settings and close it, so the next query opens a connection to the new name.
    """
    connection = connections[alias]
    original = connection.settings_dict["NAME"]
    if original == name:
        raise ValueError("the bench database must not be the application's database")
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


@contextmanager
def bench_settings(media_root: Path) -> Iterator[None]:
    """Settings for measuring: production-like, but no collectstatic needed and own media."""
    media_root.mkdir(parents=True, exist_ok=True)
    storages = {
        **settings.STORAGES,
        # The manifest storage needs `collectstatic`; a static URL costs the same either way.
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(
        DEBUG=False,
        MEDIA_ROOT=str(media_root),
        STORAGES=storages,
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
    ):
        yield
