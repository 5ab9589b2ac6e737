"""`manage.py backup [--to DIR]` (`make backup`): database, media and evidence files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.backups.archive import BackupError, create_backup, default_backup_directory


class Command(BaseCommand):
    help = "Back up the database (pg_dump), media files and private evidence files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--to",
            type=Path,
            default=None,
            help="directory to create (default: BACKUP_ROOT/sunshine-<UTC time>)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["to"] or default_backup_directory(Path(settings.BACKUP_ROOT))
        try:
            result = create_backup(directory)
        except (BackupError, FileExistsError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"backup written to {result.directory}")
        for table, count in result.row_counts.items():
            self.stdout.write(f"  {table}: {count} rows")
