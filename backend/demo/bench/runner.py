"""Run the bench: prepare the bench database, measure each scenario and its floor."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from tqdm import tqdm

from backend.catalog.models import Product
from backend.demo.bench.scenarios import (
    BENCH_URLCONF,
    SCENARIO_BUILDERS,
    BenchError,
    Scenario,
    Skip,
)
from backend.demo.bench.timing import Timing, measure
from backend.demo.definitions import demo_data
from backend.demo.loading import demo_load_steps, load_demo
from backend.demo.synthetic import add_synthetic_products, synthetic_slug
from backend.producers.models import Producer


@dataclass(frozen=True)
class BenchData:
    products: int
    synthetic: int
    producers: int
    reused: bool
    load_seconds: float


@dataclass(frozen=True)
class ScenarioResult:
    name: str
    target: str = ""
    detail: str = ""
    page: Timing | None = None
    floor: Timing | None = None
    same_output: bool | None = None
    skipped: str = ""

    @property
    def ratio(self) -> float | None:
        if self.page is None or self.floor is None or self.floor.median_ms == 0:
            return None
        return self.page.median_ms / self.floor.median_ms


def bench_data_ready(synthetic: int) -> bool:
    demo_slugs = [p.slug for p in demo_data().products]
    if Product.objects.filter(slug__in=demo_slugs).count() != len(demo_slugs):
        return False
    return synthetic == 0 or Product.objects.filter(slug=synthetic_slug(synthetic)).exists()


def prepare_bench_data(synthetic: int, *, batch_size: int, quiet: bool) -> BenchData:
    """Migrate, load the demo and the synthetic products unless they are already there."""
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    reused = bench_data_ready(synthetic)
    if not reused:
        data = demo_data()
        with tqdm(total=demo_load_steps(data), desc="demo", disable=quiet) as bar:
            load_demo(data, progress=bar)
        with tqdm(total=synthetic, desc="synthetic", unit="product", disable=quiet) as bar:
            add_synthetic_products(synthetic, batch_size=batch_size, progress=bar)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # fresh planner statistics for 100k new rows
    return BenchData(
        products=Product.objects.count(),
        synthetic=Product.objects.filter(slug__startswith="synthetic-").count(),
        producers=Producer.objects.count(),
        reused=reused,
        load_seconds=time.perf_counter() - started,
    )


def run_scenario(scenario: Scenario, *, runs: int, warmup: int) -> ScenarioResult:
    try:
        same = scenario.same_output()
        page = measure(scenario.page, runs=runs, warmup=warmup)
        floor = measure(scenario.floor, runs=runs, warmup=warmup)
    except BenchError as error:
        return ScenarioResult(scenario.name, scenario.target, skipped=f"failed: {error}")
    return ScenarioResult(
        name=scenario.name,
        target=scenario.target,
        detail=scenario.detail,
        page=page,
        floor=floor,
        same_output=same,
    )


def run_scenarios(
    *,
    runs: int,
    warmup: int,
    builders: Iterable[Callable[[Client], Scenario]] = SCENARIO_BUILDERS,
) -> list[ScenarioResult]:
    """Each scenario's page and floor, both through the test Client and the bench URLconf."""
    client = Client()
    results: list[ScenarioResult] = []
    with override_settings(ROOT_URLCONF=BENCH_URLCONF):
        for build in builders:
            try:
                scenario = build(client)
            except Skip as reason:
                name = build.__name__.replace("_", " ")
                results.append(ScenarioResult(name, skipped=str(reason)))
                continue
            results.append(run_scenario(scenario, runs=runs, warmup=warmup))
    return results
