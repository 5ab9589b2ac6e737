"""`manage.py search_reindex`: rebuild every product's search documents, with a progress bar."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from backend.catalog.models import Product
from backend.search.backends.postgres_index import cluster_index
from backend.search.indexing import REINDEX_BATCH, reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index of every product (PostgreSQL; Elasticsearch when enabled)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=REINDEX_BATCH)
        parser.add_argument(
            "--cluster",
            action="store_true",
            help="then rewrite the PostgreSQL documents in category and name order (CLUSTER)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        total = Product.objects.count()
        with tqdm(
            total=total,
            unit="product",
            disable=options["verbosity"] == 0,
            file=self.stderr._out,
        ) as bar:
            written = reindex_all(batch_size=options["batch_size"], progress=bar.update)
        if options["cluster"]:
            cluster_index()
        if options["verbosity"]:
            self.stdout.write(f"{written} documents from {total} products.")
