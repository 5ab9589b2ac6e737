"""`manage.py search_create_index`: create the Elasticsearch index with its mappings."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from backend.search.backends.elastic_index import ElasticsearchIndex


class Command(BaseCommand):
    help = "Create the Elasticsearch index (settings.ELASTICSEARCH_INDEX) with its mappings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--recreate", action="store_true", help="delete it first if present")

    def handle(self, *args: Any, **options: Any) -> None:
        index = ElasticsearchIndex()
        created = index.create(recreate=options["recreate"])
        self.stdout.write(
            f"Created index {index.name!r}." if created else f"Index {index.name!r} exists."
        )
