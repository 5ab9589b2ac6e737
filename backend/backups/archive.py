"""Back up and restore the whole platform: the database (pg_dump custom format) plus the media
files and the private verification evidence, with a manifest that lets a restore prove it is
complete.

A backup is a directory:

    manifest.json      when, which database, SHA-256 of every file, row counts of the tables
                       that hold money and history (orders, payments, ledger, audit)
    database.dump      `pg_dump --format=custom`
    media.tar.gz       MEDIA_ROOT
    evidence.tar.gz    the private evidence root (never under a public URL)

`restore_backup` checks every checksum before it touches anything, restores into a database that
is new or empty (or replaces one only when told to), unpacks the files, then counts the rows again
and fails loudly when any table has fewer rows than the manifest says.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.utils import timezone

from backend.backups.tools import libpq_environment, pg_binary
from backend.verification.conf import evidence_root

DUMP = "database.dump"
MANIFEST = "manifest.json"
FORMAT_VERSION = 1

# The tables whose every row a restore must bring back.
COUNTED_TABLES = (
    "orders_order",
    "orders_suborder",
    "orders_orderline",
    "payments_payment",
    "payments_paymenttransaction",
    "payments_producerledgerentry",
    "payments_payout",
    "audit_auditevent",
)


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class BackupResult:
    directory: Path
    row_counts: dict[str, int]
    files: dict[str, str]  # name -> sha256


def file_roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "evidence": evidence_root()}


def create_backup(
    directory: Path,
    *,
    database: Mapping[str, Any] | None = None,
    roots: Mapping[str, Path] | None = None,
) -> BackupResult:
    database = database or settings.DATABASES["default"]
    roots = roots or file_roots()
    directory.mkdir(parents=True, exist_ok=False)
    _run(
        [pg_binary("pg_dump"), "--format=custom", "--no-owner", "--file", str(directory / DUMP)],
        env=libpq_environment(database),
        what="pg_dump",
    )
    for name, root in roots.items():
        _pack(root, directory / f"{name}.tar.gz")
    counts = count_rows(database)
    files = {p.name: _sha256(p) for p in sorted(directory.iterdir())}
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "database": database["NAME"],
        "row_counts": counts,
        "files": files,
        "roots": sorted(roots),
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return BackupResult(directory=directory, row_counts=counts, files=files)


def restore_backup(
    directory: Path,
    *,
    database: Mapping[str, Any] | None = None,
    target_name: str | None = None,
    roots: Mapping[str, Path] | None = None,
    replace: bool = False,
) -> dict[str, int]:
    """Restore `directory` into `target_name` (default: the configured database); return the
    restored row counts. Refuses a non-empty target unless `replace`."""
    database = database or settings.DATABASES["default"]
    roots = roots or file_roots()
    target = target_name or database["NAME"]
    manifest = read_manifest(directory)
    _create_database_if_missing(database, target)
    if not replace and _has_tables(database, target):
        raise BackupError(
            f"database {target!r} already has tables; restore into a new database, "
            "or pass --replace to overwrite it"
        )
    _run(
        [
            pg_binary("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            target,
            str(directory / DUMP),
        ],
        env=libpq_environment(database, name=target),
        what="pg_restore",
    )
    for name in manifest["roots"]:
        if name in roots:
            _unpack(directory / f"{name}.tar.gz", roots[name])
    restored = count_rows(database, name=target)
    missing = {
        table: (expected, restored.get(table, 0))
        for table, expected in manifest["row_counts"].items()
        if restored.get(table, 0) < expected
    }
    if missing:
        raise BackupError(f"rows missing after restore (expected, found): {missing}")
    return restored


def read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupError(f"{directory} has no {MANIFEST}: not a backup made by `make backup`")
    manifest: dict[str, Any] = json.loads(path.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    for name, expected in manifest["files"].items():
        file = directory / name
        if not file.is_file():
            raise BackupError(f"{name} is missing from the backup")
        if _sha256(file) != expected:
            raise BackupError(f"{name} is damaged: its checksum does not match the manifest")
    return manifest


def count_rows(database: Mapping[str, Any], *, name: str | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    with _connect(database, name or database["NAME"]) as conn:
        for table in COUNTED_TABLES:
            row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [f"public.{table}"]).fetchone()
            if row and row[0]:
                found = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()
                counts[table] = int(found[0]) if found else 0
    return counts


def default_backup_directory(base: Path, now: datetime | None = None) -> Path:
    stamp = (now or timezone.now()).strftime("%Y%m%dT%H%M%SZ")
    return base / f"sunshine-{stamp}"


def _connect(database: Mapping[str, Any], name: str) -> psycopg.Connection[Any]:
    return psycopg.connect(
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        dbname=name,
        autocommit=True,
    )


def _create_database_if_missing(database: Mapping[str, Any], name: str) -> None:
    with _connect(database, "postgres") as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            quoted = name.replace('"', '""')
            conn.execute(f"CREATE DATABASE \"{quoted}\" ENCODING 'UTF8' TEMPLATE template0")


def _has_tables(database: Mapping[str, Any], name: str) -> bool:
    with _connect(database, name) as conn:
        row = conn.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public')"
        ).fetchone()
        return bool(row and row[0])


def _pack(root: Path, archive: Path) -> None:
    with tarfile.open(archive, "w:gz") as tar:
        if root.is_dir():
            for child in sorted(root.iterdir()):
                tar.add(child, arcname=child.name)


def _unpack(archive: Path, root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(root, filter="data")  # refuses absolute paths, .. and device files


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _run(command: list[str], *, env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{what} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
