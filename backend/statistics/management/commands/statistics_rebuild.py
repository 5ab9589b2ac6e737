"""Recompute the sales summary tables from the live order lines: after a bulk load (the
statistics bench does it), or after moving categories in the tree or changing region codes."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from backend.statistics.summaries import rebuild


class Command(BaseCommand):
    help = "Rebuild the programme statistics' sales summary tables from the order lines."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        rebuild()
        self.stdout.write(f"Statistics summaries rebuilt in {time.perf_counter() - started:.1f} s")
