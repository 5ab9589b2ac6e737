"""`manage.py run_bench`: page timings at 100,000 products against their floor, then checkouts
per second with concurrent buyers and the oversold count (`make bench`).

`--only pages`, `--only checkout` or `--only load` runs one section (`make bench
BENCH_ARGS="--only load"`); the checkout and load sections alone need only the demo in the bench
database.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from backend.demo.bench.checkout_throughput import run_checkout_bench
from backend.demo.bench.database import (
    DEFAULT_BENCH_DATABASE,
    bench_settings,
    ensure_database,
    using_database,
)
from backend.demo.bench.designations_bench import designations_report, run_designations_bench
from backend.demo.bench.load_bench import load_report, run_load_bench
from backend.demo.bench.procurement_bench import procurement_report, run_procurement_bench
from backend.demo.bench.report import checkout_report, report
from backend.demo.bench.runner import prepare_bench_data, run_scenarios
from backend.demo.bench.search_bench import run_search_bench, search_report
from backend.demo.bench.statistics_bench import run_statistics_bench, statistics_report
from backend.demo.synthetic import DEFAULT_BATCH_SIZE

SECTIONS = ("pages", "checkout", "procurement", "search", "load", "statistics", "designations")


class Command(BaseCommand):
    help = (
        "Load demo + synthetic products into a separate database (reused when already there) "
        "and print median/p95 server time, SQL queries and the floor of the category listing, "
        "the product page and the GraphQL product list; then checkouts per second with "
        "concurrent buyers on one hot product and on spread products, and the oversold count."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database-name", default=DEFAULT_BENCH_DATABASE)
        parser.add_argument("--products", type=int, default=100_000, help="synthetic products")
        parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
        parser.add_argument("--warmup", type=int, default=5)
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
        parser.add_argument(
            "--only",
            action="append",
            choices=SECTIONS,
            help="run only this section (repeatable); default: all",
        )
        parser.add_argument(
            "--checkouts", type=int, default=200, help="purchases per checkout scenario"
        )
        parser.add_argument("--buyers", type=int, default=4, help="concurrent buyer threads")
        parser.add_argument(
            "--deliveries", type=int, default=200, help="contract deliveries per drawdown run"
        )
        parser.add_argument(
            "--procurement-threads", type=int, default=4, help="concurrent drawdown threads"
        )
        parser.add_argument(
            "--search-products",
            type=int,
            default=0,
            help="search documents to reach by copying synthetic products (e.g. 1000000)",
        )

        parser.add_argument("--users", type=int, default=20, help="load: concurrent locust users")
        parser.add_argument("--seconds", type=int, default=60, help="load: how long it runs")
        parser.add_argument("--web-workers", type=int, default=4, help="load: gunicorn workers")
        parser.add_argument("--web-threads", type=int, default=1, help="load: threads per worker")

    def handle(self, *args: Any, **options: Any) -> None:
        # WhiteNoise warns once when STATIC_ROOT was never collected; the bench serves no static.
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        database = options["database_name"]
        quiet = options["verbosity"] == 0
        sections = options["only"] or list(SECTIONS)
        media_root = Path(settings.DATA_DIR) / "bench-media"
        if ensure_database(database) and not quiet:
            self.stdout.write(f"Created database {database!r} for the bench.")
        with using_database(database), bench_settings(media_root):
            synthetic = options["products"] if {"pages", "search"} & set(sections) else 0
            data = prepare_bench_data(synthetic, batch_size=options["batch_size"], quiet=quiet)
            if "pages" in sections:
                results = run_scenarios(runs=options["requests"], warmup=options["warmup"])
                self.stdout.write(
                    report(
                        database, data, results, runs=options["requests"], warmup=options["warmup"]
                    )
                )
            if "checkout" in sections:
                if "pages" not in sections:
                    self.stdout.write(
                        f"Sunshine Market bench — database {database!r}: {data.products:,} "
                        f"products, {data.producers:,} producers\n"
                    )
                checkouts = run_checkout_bench(
                    checkouts=options["checkouts"], buyers=options["buyers"]
                )
                self.stdout.write(
                    checkout_report(
                        checkouts, checkouts=options["checkouts"], buyers=options["buyers"]
                    )
                )
            if "procurement" in sections:
                self.stdout.write(
                    procurement_report(
                        run_procurement_bench(
                            deliveries=options["deliveries"],
                            threads=options["procurement_threads"],
                            runs=options["requests"],
                            warmup=options["warmup"],
                            quiet=quiet,
                        )
                    )
                )
            if "search" in sections:
                self.stdout.write(
                    search_report(
                        run_search_bench(
                            documents=options["search_products"],
                            runs=options["requests"],
                            warmup=options["warmup"],
                            quiet=quiet,
                        )
                    )
                )
            if "statistics" in sections:
                self.stdout.write(
                    statistics_report(
                        run_statistics_bench(
                            runs=options["requests"], warmup=options["warmup"], quiet=quiet
                        )
                    )
                )
            if "designations" in sections:
                self.stdout.write(
                    designations_report(
                        run_designations_bench(
                            runs=options["requests"], warmup=options["warmup"], quiet=quiet
                        )
                    )
                )
            if "load" in sections:
                self.stdout.write(
                    load_report(
                        run_load_bench(
                            users=options["users"],
                            seconds=options["seconds"],
                            workers=options["web_workers"],
                            threads=options["web_threads"],
                        )
                    )
                )
