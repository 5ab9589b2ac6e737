"""A backup restored into a fresh database brings back every order, payment, ledger entry and
audit row, and the media and evidence files; a damaged backup is refused before anything is
touched."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from backend.audit.events import record_audit_event
from backend.audit.models import AuditEventType
from backend.backups.archive import BackupError, create_backup, restore_backup
from backend.backups.management.commands import restore
from backend.catalog.tests.factories import ChannelFactory
from backend.checkout.tests.scenarios import (
    listed_variant,
    make_courier,
    new_producer,
    ready_checkout,
)
from backend.orders.complete_checkout import complete_checkout
from backend.payments.offline import confirm_offline_payment
from tests.transactional import APPS_EXCEPT_REGIONS

AVAILABLE_APPS = APPS_EXCEPT_REGIONS
real_transactions = pytest.mark.django_db(transaction=True, available_apps=AVAILABLE_APPS)


def _id_sets(dbname: str) -> dict[str, set[int]]:
    database = settings.DATABASES["default"]
    tables = (
        "orders_order",
        "orders_orderline",
        "payments_payment",
        "payments_producerledgerentry",
        "audit_auditevent",
    )
    with psycopg.connect(
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"] or None,
        password=database.get("PASSWORD") or None,
        dbname=dbname,
    ) as conn:
        return {
            table: {row[0] for row in conn.execute(f"SELECT id FROM {table}").fetchall()}
            for table in tables
        }


def _drop(dbname: str) -> None:
    database = settings.DATABASES["default"]
    with psycopg.connect(
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"] or None,
        password=database.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


@pytest.fixture
def restored_name() -> object:
    name = f"{connection.settings_dict['NAME']}_restored"
    _drop(name)
    yield name
    _drop(name)


@pytest.fixture
def file_roots(tmp_path: Path) -> dict[str, Path]:
    media, evidence = tmp_path / "media", tmp_path / "evidence"
    (media / "products").mkdir(parents=True)
    (media / "products" / "小米.webp").write_bytes(b"RIFF....WEBP")
    (evidence / "ab").mkdir(parents=True)
    (evidence / "ab" / "certificate.pdf").write_bytes(b"%PDF-1.7 evidence")
    return {"media": media, "evidence": evidence}


def _paid_orders(count: int) -> None:
    channel = ChannelFactory()
    channel_variant = listed_variant(channel, producer=new_producer(), price="18.80", stock=50)
    courier = make_courier()
    for _ in range(count):
        order = complete_checkout(
            ready_checkout(channel, [(channel_variant, 2)], method=courier),
            actor=None,
            gateway="offline.bank_transfer",
        )
        confirm_offline_payment(order, actor=None)
        with transaction.atomic():
            record_audit_event(
                AuditEventType.SELLER_MEMBER_ADDED, actor=None, subject=order, reason="backup test"
            )


@real_transactions
def test_restore_backup_into_fresh_database_finds_every_row_and_file(
    tmp_path: Path, restored_name: str, file_roots: dict[str, Path]
) -> None:
    # given: three paid orders with ledger entries and audit rows, committed
    _paid_orders(3)
    original = _id_sets(connection.settings_dict["NAME"])
    assert all(original.values()), original
    result = create_backup(tmp_path / "backup", roots=file_roots)
    restored_roots = {"media": tmp_path / "r-media", "evidence": tmp_path / "r-evidence"}

    # when
    counts = restore_backup(tmp_path / "backup", target_name=restored_name, roots=restored_roots)

    # then
    assert _id_sets(restored_name) == original
    assert counts == result.row_counts
    assert (restored_roots["media"] / "products" / "小米.webp").read_bytes() == b"RIFF....WEBP"
    assert (restored_roots["evidence"] / "ab" / "certificate.pdf").read_bytes().startswith(b"%PDF")


@real_transactions
def test_restore_backup_damaged_file_refused_before_restoring(
    tmp_path: Path, restored_name: str, file_roots: dict[str, Path]
) -> None:
    # given
    _paid_orders(1)
    create_backup(tmp_path / "backup", roots=file_roots)
    with (tmp_path / "backup" / "database.dump").open("ab") as dump:
        dump.write(b"tampered")

    # when / then
    with pytest.raises(BackupError, match=r"database\.dump is damaged"):
        restore_backup(tmp_path / "backup", target_name=restored_name, roots=file_roots)
    assert not _database_exists(restored_name)


@real_transactions
def test_restore_command_into_database_with_tables_refused_without_replace(
    tmp_path: Path, file_roots: dict[str, Path]
) -> None:
    # given: a backup of the test database, restored onto itself
    create_backup(tmp_path / "backup", roots=file_roots)

    # when / then
    with pytest.raises(CommandError, match="already has tables"):
        call_command(restore.Command(), str(tmp_path / "backup"))


def _database_exists(name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None
