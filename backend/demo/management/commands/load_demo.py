"""`manage.py load_demo [--synthetic N]`: the demo data, and optionally N generated products."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from backend.demo.definitions import demo_data
from backend.demo.loading import demo_load_steps, load_demo
from backend.demo.synthetic import DEFAULT_BATCH_SIZE, add_synthetic_products


class Command(BaseCommand):
    help = "Load the demo data (idempotent); --synthetic N also adds N generated products."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--synthetic",
            type=int,
            default=0,
            metavar="N",
            help="make sure products synthetic-1 … synthetic-N exist (for benchmarks)",
        )
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
        parser.add_argument(
            "--skip-demo",
            action="store_true",
            help="only the synthetic products (the demo must have been loaded before)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["verbosity"] == 0
        if not options["skip_demo"]:
            data = demo_data()
            started = time.perf_counter()
            with tqdm(total=demo_load_steps(data), desc="demo", unit="step", disable=quiet) as bar:
                result = load_demo(data, progress=bar)
            if not quiet:
                self.stdout.write(
                    f"Demo data ready: {result.producers} producers, {result.products} products, "
                    f"{result.collections} collections, {result.accounts} demo logins, "
                    f"{result.verified} verified shops, {result.awaiting_review} application(s) "
                    f"awaiting review, {result.enterprises} enterprises with {result.contracts} "
                    f"contracts ({time.perf_counter() - started:.1f} s)."
                )
        count = options["synthetic"]
        if count > 0:
            started = time.perf_counter()
            with tqdm(total=count, desc="synthetic", unit="product", disable=quiet) as bar:
                synthetic = add_synthetic_products(
                    count, batch_size=options["batch_size"], progress=bar
                )
            if not quiet:
                self.stdout.write(
                    f"Synthetic products: {synthetic.created} added, {synthetic.existing} already "
                    f"there ({time.perf_counter() - started:.1f} s)."
                )
