"""`manage.py run_bench`: page timings at 100,000 products against their floor (`make bench`)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from backend.demo.bench.database import (
    DEFAULT_BENCH_DATABASE,
    bench_settings,
    ensure_database,
    using_database,
)
from backend.demo.bench.report import report
from backend.demo.bench.runner import prepare_bench_data, run_scenarios
from backend.demo.synthetic import DEFAULT_BATCH_SIZE


class Command(BaseCommand):
    help = (
        "Load demo + synthetic products into a separate database (reused when already there) "
        "and print median/p95 server time, SQL queries and the floor of the category listing, "
        "the product page and the GraphQL product list."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database-name", default=DEFAULT_BENCH_DATABASE)
        parser.add_argument("--products", type=int, default=100_000, help="synthetic products")
        parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
        parser.add_argument("--warmup", type=int, default=5)
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)

    def handle(self, *args: Any, **options: Any) -> None:
        # WhiteNoise warns once when STATIC_ROOT was never collected; the bench serves no static.
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        database = options["database_name"]
        quiet = options["verbosity"] == 0
        media_root = Path(settings.DATA_DIR) / "bench-media"
        if ensure_database(database) and not quiet:
            self.stdout.write(f"Created database {database!r} for the bench.")
        with using_database(database), bench_settings(media_root):
            data = prepare_bench_data(
                options["products"], batch_size=options["batch_size"], quiet=quiet
            )
            results = run_scenarios(runs=options["requests"], warmup=options["warmup"])
        self.stdout.write(
            report(database, data, results, runs=options["requests"], warmup=options["warmup"])
        )
