"""Timing and query counting of one callable: median, 95th percentile, SQL queries."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass(frozen=True)
class Timing:
    samples_ms: tuple[float, ...]
    queries: int

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95_ms(self) -> float:
        if len(self.samples_ms) < 2:
            return self.samples_ms[0]
        return statistics.quantiles(self.samples_ms, n=100, method="inclusive")[94]


def count_queries(call: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def measure(call: Callable[[], Any], *, runs: int, warmup: int) -> Timing:
    """Warm up (caches, connection, templates), count queries once, then time `runs` calls.

    Queries are counted in a separate call so that recording them does not slow the timed ones.
    """
    for _ in range(warmup):
        call()
    queries = count_queries(call)
    gc.collect()
    samples: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return Timing(samples_ms=tuple(samples), queries=queries)
