"""The load bench: the app served by gunicorn on loopback, locust users browsing, searching and
buying for a fixed number of seconds (`manage.py run_bench --only load`).

1. The bench database (demo data, and the synthetic products when the page bench put them
   there) is served by gunicorn with several workers on a free loopback port, production
   settings (DEBUG off, collected static files, JSON logs at WARNING). Rate limits are off for
   the run: every simulated buyer comes from 127.0.0.1, and sign-in limits count per address.
2. Locust runs headless in its own process (`locustfile.py`): `users` users, all started at
   once, for `seconds` seconds, then it stops by itself. Each request is written to a JSON
   lines file; this module turns it into throughput, p50/p95/p99 per kind and overall, and
   the error rate.
3. Buying is limited to a few demo variants whose stock is set low, so some purchases find
   them sold out. Afterwards the oversold count (units sold beyond the stock set up, summed
   over the variants), rows with more allocated than held, and orders without an allocation
   for each line are counted: all must be 0. The run's orders are then removed and the stock
   rows get their quantities back.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, F, Sum

from backend.catalog.lookups import categories_with_products, products_visible_in_channel
from backend.catalog.models import Channel
from backend.checkout.models import ShippingMethod
from backend.demo.bench.checkout_throughput import (
    BENCH_EMAIL_DOMAIN,
    COUNTY_CODE,
    GATEWAY,
    SHIPPING_METHOD,
    choose_variants,
    remove_bench_orders,
    set_available,
)
from backend.orders.models import Order, OrderLine
from backend.regions.models import Region
from backend.warehouse.models import Stock

BASE_DIR = Path(settings.BASE_DIR)
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
SEARCHES = ("苹果", "核桃", "红枣", "pingguo", "hetao", "蜂蜜", "茶", "木耳")
KINDS = ("browse", "search", "checkout")
STOREFRONT_KINDS = ("browse", "search")


class LoadBenchError(Exception):
    """The load bench could not run (server did not start, locust failed)."""


def database_url(name: str) -> str:
    """A DATABASE_URL for database `name` on the server Django is connected to."""
    params = connection.settings_dict
    host = params.get("HOST") or ""
    user = params.get("USER") or ""
    password = params.get("PASSWORD") or ""
    credentials = f"{user}:{password}@" if password else f"{user}@"
    if host.startswith("/"):  # a unix socket directory (the embedded server)
        return f"postgres://{credentials}/{name}?host={host}"
    port = f":{params['PORT']}" if params.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{name}"


def server_environment(database: str, *, data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a production-like server process on database `database`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "SUNSHINE_TESTING", "PYTEST_CURRENT_TEST"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "backend.config.settings",
            "DATABASE_URL": database_url(database),
            "SUNSHINE_DATA_DIR": str(data_dir),
            "SUNSHINE_TESTING": "0",
            "DEBUG": "0",
            "LOG_LEVEL": "WARNING",
            "RATELIMIT_ENABLE": "0",
            "AXES_ENABLED": "0",
            "MEDIA_ROOT": str(data_dir / "media"),
            "PROMETHEUS_MULTIPROC_DIR": str(data_dir / "prometheus"),
            "REDIS_URL": "",
        }
    )
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health/ready?format=json", timeout=2) as answer:
            return int(answer.status) == 200
    except OSError:
        return False


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]


@contextmanager
def gunicorn_server(
    env: Mapping[str, str], *, port: int, workers: int, threads: int = 1, timeout: float = 60
) -> Iterator[Server]:
    """gunicorn serving the project on 127.0.0.1:`port` until the block ends."""
    prometheus = Path(env["PROMETHEUS_MULTIPROC_DIR"])
    shutil.rmtree(prometheus, ignore_errors=True)
    prometheus.mkdir(parents=True)
    log = Path(env["SUNSHINE_DATA_DIR"]) / f"gunicorn-{port}.log"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [
                str(gunicorn),
                "backend.config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=BASE_DIR,
            env=dict(env),
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    server = Server(url=f"http://127.0.0.1:{port}", process=process, log=log)
    try:
        deadline = time.monotonic() + timeout
        while not ready(server.url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise LoadBenchError(f"gunicorn did not become ready; see {log}")
            time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def collect_static(env: Mapping[str, str]) -> None:
    """Production static storage needs its manifest: collect once into the bench data dir."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=dict(env),
        check=True,
    )


@dataclass(frozen=True)
class Purchasable:
    variant_id: int
    slug: str


def make_plan(
    buy: list[Purchasable], events: Path, *, think: tuple[float, float]
) -> dict[str, Any]:
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    county = Region.objects.get(code=COUNTY_CODE)
    products = list(
        products_visible_in_channel(channel)
        .exclude(slug__startswith="synthetic-")
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    categories = list(categories_with_products(channel).values_list("slug", flat=True))
    if not products or not categories:
        raise LoadBenchError("the bench database has no visible demo products")
    return {
        "events": str(events),
        "categories": categories,
        "products": products,
        "searches": list(SEARCHES),
        "buy": [{"variant": item.variant_id, "slug": item.slug} for item in buy],
        "county": {"id": county.pk, "province": county.province_code},
        "method": ShippingMethod.objects.get(slug=SHIPPING_METHOD).pk,
        "gateway": GATEWAY,
        "email_domain": BENCH_EMAIL_DOMAIN,
        "think_min": think[0],
        "think_max": think[1],
    }


def run_locust(plan: Path, *, url: str, users: int, seconds: int, log: Path) -> None:
    locust = Path(sys.executable).with_name("locust")
    env = {**os.environ, "LOAD_BENCH_PLAN": str(plan)}
    command = [
        str(locust),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        url,
        "--only-summary",
        "--exit-code-on-error",
        "0",
        "--loglevel",
        "WARNING",
    ]
    with log.open("wb") as log_file:
        done = subprocess.run(
            command,
            cwd=BASE_DIR,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            timeout=seconds + 60,
        )
    if done.returncode != 0:
        raise LoadBenchError(f"locust exited with {done.returncode}; see {log}")


def percentile(values: list[float], percent: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


@dataclass
class KindFigures:
    kind: str
    requests: int
    errors: int
    ms: list[float]

    def p(self, percent: int) -> float | None:
        return percentile(self.ms, percent) if self.ms else None

    @property
    def error_rate(self) -> float:
        return self.errors / self.requests if self.requests else 0.0


@dataclass
class LoadResult:
    users: int
    seconds: float
    workers: int
    threads: int
    think: tuple[float, float]
    kinds: list[KindFigures]
    overall: KindFigures
    storefront: KindFigures
    orders: int = 0
    stock_set: int = 0
    sold: int = 0
    oversold: int = 0
    overallocated_rows: int = 0
    lines_without_allocation: int = 0
    error_samples: Counter[str] = field(default_factory=Counter)
    server_get_ms: list[float] = field(default_factory=list)
    load_average: tuple[float, float, float] = (0.0, 0.0, 0.0)

    @property
    def per_second(self) -> float:
        return self.overall.requests / self.seconds if self.seconds else 0.0


def figures(events: Path) -> tuple[dict[str, KindFigures], KindFigures, Counter[str]]:
    kinds = {kind: KindFigures(kind, 0, 0, []) for kind in KINDS}
    overall = KindFigures("overall", 0, 0, [])
    samples: Counter[str] = Counter()
    for line in events.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        kind = event["name"].split(":")[0]
        for bucket in (kinds[kind], overall):
            bucket.requests += 1
            bucket.ms.append(float(event["ms"]))
            if not event["ok"]:
                bucket.errors += 1
        if not event["ok"]:
            samples[event["error"]] += 1
    return kinds, overall, samples


def server_times(log: Path) -> list[float]:
    """Server-side durations of GET requests from the app's JSON request lines (without the
    time spent queueing for a free worker), to tell app time from a saturated machine."""
    times: list[float] = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith('{"method": "GET"'):
            with contextlib.suppress(ValueError, KeyError):
                times.append(float(json.loads(line)["duration_ms"]))
    return times


def merge(name: str, parts: list[KindFigures]) -> KindFigures:
    return KindFigures(
        name,
        sum(part.requests for part in parts),
        sum(part.errors for part in parts),
        [ms for part in parts for ms in part.ms],
    )


def stock_checks(variant_ids: list[int], stock_set: int) -> dict[str, int]:
    """Sold per variant in this run's orders against the stock set up; rows over-allocated;
    order lines of tracked variants without an allocation."""
    orders = Order.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}")
    sold = dict(
        OrderLine.objects.filter(order__in=orders, variant_id__in=variant_ids)
        .values("variant_id")
        .annotate(units=Sum("quantity"))
        .values_list("variant_id", "units")
    )
    unallocated = (
        OrderLine.objects.filter(order__in=orders, variant__track_inventory=True)
        .annotate(allocation_rows=Count("allocations"))
        .filter(allocation_rows=0)
        .count()
    )
    return {
        "orders": orders.count(),
        "sold": sum(sold.values()),
        "oversold": sum(max(0, units - stock_set) for units in sold.values()),
        "overallocated_rows": Stock.objects.filter(quantity_allocated__gt=F("quantity")).count(),
        "lines_without_allocation": unallocated,
    }


def run_load_bench(
    *,
    users: int = 20,
    seconds: int = 60,
    workers: int = 4,
    threads: int = 1,
    port: int = 0,
    variants: int = 10,
    stock_each: int = 5,
    think: tuple[float, float] = (0.5, 1.5),
) -> LoadResult:
    database = connection.settings_dict["NAME"]
    data_dir = Path(settings.DATA_DIR) / "load-bench"
    data_dir.mkdir(parents=True, exist_ok=True)
    env = server_environment(database, data_dir=data_dir, MEDIA_ROOT=str(settings.MEDIA_ROOT))
    collect_static(env)

    remove_bench_orders()
    chosen = choose_variants(variants)
    quantities = dict(
        Stock.objects.filter(product_variant__in=chosen).values_list("pk", "quantity")
    )
    set_available(chosen, stock_each)
    buy = [Purchasable(variant.pk, variant.product.slug) for variant in chosen]
    with tempfile.TemporaryDirectory(prefix="load-bench-") as scratch:
        events = Path(scratch) / "events.jsonl"
        events.touch()
        plan = Path(scratch) / "plan.json"
        plan.write_text(json.dumps(make_plan(buy, events, think=think)), encoding="utf-8")
        try:
            with gunicorn_server(
                env, port=port or free_port(), workers=workers, threads=threads
            ) as server:
                started = time.perf_counter()
                run_locust(
                    plan, url=server.url, users=users, seconds=seconds, log=data_dir / "locust.log"
                )
                elapsed = time.perf_counter() - started
                load_average = os.getloadavg()
            server_get_ms = server_times(server.log)
            kinds, overall, samples = figures(events)
            shutil.copy(events, data_dir / "events.jsonl")
            checks = stock_checks([item.variant_id for item in buy], stock_each)
        finally:
            remove_bench_orders()
            for pk, quantity in quantities.items():
                Stock.objects.filter(pk=pk).update(quantity=quantity)
    return LoadResult(
        users=users,
        seconds=elapsed,
        workers=workers,
        threads=threads,
        think=think,
        kinds=[kinds[kind] for kind in KINDS],
        overall=overall,
        storefront=merge("storefront", [kinds[kind] for kind in STOREFRONT_KINDS]),
        stock_set=stock_each * len(buy),
        error_samples=samples,
        server_get_ms=server_get_ms,
        load_average=load_average,
        **checks,
    )


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} ms"


def load_report(result: LoadResult) -> str:
    lines = [
        "",
        f"Load: {result.users} locust users for {result.seconds:.0f} s against gunicorn "
        f"({result.workers} workers × {result.threads} thread) on loopback, think time "
        f"{result.think[0]}–{result.think[1]} s",
        f"throughput {result.per_second:.1f} requests/s, {result.overall.requests:,} requests; "
        f"machine load average at the end {result.load_average[0]:.1f} "
        f"({os.cpu_count()} CPUs)",
        "",
        "| kind | requests | p50 | p95 | p99 | errors |",
        "|---|---|---|---|---|---|",
    ]
    for row in [*result.kinds, result.storefront, result.overall]:
        lines.append(
            f"| {row.kind} | {row.requests:,} | {_ms(row.p(50))} | {_ms(row.p(95))} | "
            f"{_ms(row.p(99))} | {row.errors} ({row.error_rate:.2%}) |"
        )
    if result.server_get_ms:
        lines.append(
            f"server time of GET pages (no queueing): p50 "
            f"{_ms(percentile(result.server_get_ms, 50))}, p95 "
            f"{_ms(percentile(result.server_get_ms, 95))}"
        )
    lines += [
        "",
        f"orders placed {result.orders}; units sold {result.sold} of {result.stock_set} set up; "
        f"oversold {result.oversold}; rows allocated beyond stock {result.overallocated_rows}; "
        f"order lines without allocation {result.lines_without_allocation}",
    ]
    for message, count in result.error_samples.most_common(5):
        lines.append(f"  error ×{count}: {message}")
    return "\n".join(lines) + "\n"
