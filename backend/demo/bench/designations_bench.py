"""Designation eligibility at province scale (`make bench BENCH_ARGS="--only designations"`).

Data: the programme-statistics bench's province (青海, 63: 5,000 shops of every kind, 50,000
households, 1,000,000 order lines over the current year; built by
`backend.demo.bench.statistics_bench` when missing, then reused), plus regional thresholds for
every kind in its first county (so the threshold book is not empty).

Timed, median and p95 with SQL query counts: `eligibility_list` of the whole province for a
platform operator (every kind: one statement for the producers' figures over all their counted
sales, one for the enterprises'), and the eligibility page through Django.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import transaction
from django.test import Client
from django.utils import timezone

from backend.accounts.models import User
from backend.demo.bench.statistics_bench import (
    FULL,
    PROVINCE,
    StatisticsScale,
    bench_rows_ready,
    build_rows,
)
from backend.demo.bench.timing import Timing, measure
from backend.designations.eligibility import eligibility_list
from backend.designations.models import DesignationKind, DesignationThreshold
from backend.producers.models import Producer
from backend.regions.models import Region, RegionLevel

BENCH_EMAIL = "designations-bench@bench.sunshine.test"
TARGET_SECONDS = 3.0


@dataclass(frozen=True)
class DesignationsBenchResult:
    year: int
    producers: int
    candidates: int
    built_seconds: float | None
    service: Timing
    page: Timing


def _operator() -> User:
    user, _ = User.objects.get_or_create(email=BENCH_EMAIL, defaults={"name": "认定压测"})
    if not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return user


def _thresholds() -> None:
    county = Region.objects.filter(province_code=PROVINCE, level=RegionLevel.COUNTY).first()
    with transaction.atomic():
        for kind in DesignationKind:
            DesignationThreshold.objects.get_or_create(region=county, kind=kind)


def run_designations_bench(
    *, runs: int, warmup: int, quiet: bool, scale: StatisticsScale = FULL
) -> DesignationsBenchResult:
    year = timezone.localdate().year
    built = None
    if not bench_rows_ready(scale):
        if not quiet:
            print("Building 1,000,000 order lines and 50,000 households in 青海…")
        started = time.perf_counter()
        build_rows(scale, year)
        built = time.perf_counter() - started
    _thresholds()
    operator = _operator()
    province = Region.objects.get(code=PROVINCE)
    found: list[int] = []

    def service() -> None:
        found.append(len(eligibility_list(year, actor=operator, region=province)))

    client = Client()
    client.force_login(operator)
    url = f"/programme/{PROVINCE}/{year}/designations/"

    def page() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    timed_runs = max(3, runs // 10)
    service_timing = measure(service, runs=timed_runs, warmup=min(warmup, 1))
    return DesignationsBenchResult(
        year=year,
        producers=Producer.objects.filter(region__province_code=PROVINCE).count(),
        candidates=found[-1],
        built_seconds=built,
        service=service_timing,
        page=measure(page, runs=timed_runs, warmup=min(warmup, 1)),
    )


def designations_report(result: DesignationsBenchResult) -> str:
    def verdict(timing: Timing) -> str:
        return "within" if timing.p95_ms <= TARGET_SECONDS * 1000 else "OVER"

    return "\n".join(
        [
            "",
            f"Designation eligibility — province 青海 (63), {result.year}: "
            f"{result.producers:,} producers, {result.candidates:,} candidates listed"
            + (f" (built in {result.built_seconds:.0f} s)" if result.built_seconds else ""),
            "",
            "| request | median | p95 | SQL | target 3 s |",
            "|---|---|---|---|---|",
            f"| eligibility_list (every kind, whole province) "
            f"| {result.service.median_ms:.0f} ms | {result.service.p95_ms:.0f} ms "
            f"| {result.service.queries} | {verdict(result.service)} |",
            f"| page /programme/63/{result.year}/designations/ "
            f"| {result.page.median_ms:.0f} ms | {result.page.p95_ms:.0f} ms "
            f"| {result.page.queries} | {verdict(result.page)} |",
            "",
        ]
    )
