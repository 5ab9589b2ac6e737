"""`manage.py rotate_identity_keys [--rehash]`: re-encrypt every identity number under the newest
key of IDENTITY_ENCRYPTION_KEYS (and recompute the lookup hashes with --rehash), in batches,
each batch in one transaction."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from backend.personal_data.encryption import decrypt, lookup_hash, reencrypt
from backend.producers.models import IDENTITY_NUMBER_FIELDS, Producer


class Command(BaseCommand):
    help = "Re-encrypt identity numbers under the newest key (after adding a key)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rehash", action="store_true", help="recompute lookup hashes")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        columns = ", ".join(IDENTITY_NUMBER_FIELDS)
        last_id, done = 0, 0
        while True:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT id, {columns} FROM producers_producer WHERE id > %s "
                        "ORDER BY id LIMIT %s FOR UPDATE",
                        [last_id, options["batch_size"]],
                    )
                    rows = cursor.fetchall()
                for pk, *stored in rows:
                    values: dict[str, str] = {}
                    for name, value in zip(IDENTITY_NUMBER_FIELDS, stored, strict=True):
                        if value:
                            values[name] = reencrypt(value)
                            if options["rehash"]:
                                values[f"{name}_hash"] = lookup_hash(decrypt(value))
                    if values:
                        Producer.objects.filter(pk=pk).update(**values)
                        done += 1
            if not rows:
                break
            last_id = rows[-1][0]
        self.stdout.write(f"re-encrypted the identity numbers of {done} producers")
