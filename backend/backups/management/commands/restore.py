"""`manage.py restore DIR [--database-name NAME] [--replace]` (`make restore FROM=DIR`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.backups.archive import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: checks every checksum, restores the "
        "database and the files, then checks that no order, payment, ledger or audit row is "
        "missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--database-name", default=None, help="restore into this database (default: ours)"
        )
        parser.add_argument(
            "--replace", action="store_true", help="overwrite a database that has tables"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = restore_backup(
                options["directory"],
                target_name=options["database_name"],
                replace=options["replace"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored {options['directory']}")
        for table, count in counts.items():
            self.stdout.write(f"  {table}: {count} rows")
