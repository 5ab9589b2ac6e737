"""Checkouts completed per second with concurrent buyers, and the oversold count (must be 0).

Each buyer is a real thread with its own database connection, doing what a buyer does through
the services: create a checkout with one line (stock is reserved), give the address, choose
the delivery method, complete with the bank-transfer gateway. A fixed number of purchases is
shared among the buyers; stock is set so that some purchases find the product sold out.

- hot product: every purchase wants one unit of the same variant (one stock row to fight for);
- spread products: purchase k wants one unit of variant k mod N of N demo variants, each its
  own stock row.

Before a scenario the bench sets each chosen stock row so that exactly `stock_each` units are
available (what other orders hold stays held). Afterwards, sold = units in this run's orders
per variant; oversold = Σ max(0, sold − stock set up). Then the bench's orders and checkouts
(their e-mail addresses end with `@bench.sunshine.test`) are deleted and the stock rows get
their quantities back, so the bench database stays as the page benches expect it; an
interrupted run is cleaned up by the next one.
"""

from __future__ import annotations

import contextlib
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, OperationalError, connection
from django.db.models import Case, Count, F, Sum, When
from django.test import override_settings

from backend.catalog.models import Channel, ProductVariant
from backend.checkout.details import (
    update_checkout_delivery_method,
    update_checkout_shipping_address,
)
from backend.checkout.errors import CheckoutError, CheckoutNotReady
from backend.checkout.lines import LineInput, create_checkout
from backend.checkout.models import Checkout, ShippingMethod
from backend.orders.complete_checkout import complete_checkout
from backend.orders.models import Order, OrderLine
from backend.payments.models import Payment, PaymentTransaction
from backend.regions.models import Region
from backend.warehouse.errors import InsufficientStock
from backend.warehouse.models import Allocation, Stock

BENCH_EMAIL_DOMAIN = "bench.sunshine.test"
GATEWAY = "offline.bank_transfer"
HOT_SKU = "yanchuan-dried-jujube-1"
COUNTY_CODE = "110105"
SHIPPING_METHOD = "standard"


class CheckoutBenchError(Exception):
    """The bench database cannot run the checkout bench (no demo, wrong database)."""


@dataclass(frozen=True)
class CheckoutScenario:
    name: str
    variants: int  # how many variants the purchases are spread over
    stock_each: int  # units available per variant when the run starts


@dataclass
class Attempt:
    ok: bool
    error: str = ""
    complete_ms: float = 0.0


@dataclass
class CheckoutResult:
    name: str
    buyers: int
    attempts: int
    seconds: float
    completed: int
    complete_ms: list[float]
    errors: Counter[str] = field(default_factory=Counter)
    stock: int = 0
    sold: int = 0
    oversold: int = 0

    @property
    def per_second(self) -> float:
        return self.completed / self.seconds if self.seconds else 0.0

    def complete_percentile(self, percent: int) -> float | None:
        if not self.complete_ms:
            return None
        if len(self.complete_ms) == 1:
            return self.complete_ms[0]
        return statistics.quantiles(self.complete_ms, n=100, method="inclusive")[percent - 1]


def default_scenarios(checkouts: int, *, spread: int = 40) -> list[CheckoutScenario]:
    """Stock for about three quarters of the purchases, so the rest find the product sold out."""
    per_variant = -(-checkouts // spread)  # purchases per spread variant, rounded up
    return [
        CheckoutScenario("hot product", variants=1, stock_each=max(1, checkouts * 3 // 4)),
        CheckoutScenario(
            "spread products", variants=spread, stock_each=max(1, (per_variant * 3 + 3) // 4)
        ),
    ]


def error_kind(error: Exception, *, stage: str) -> str:
    if isinstance(error, InsufficientStock):
        return f"out of stock ({stage})"
    if isinstance(error, CheckoutNotReady):
        return "checkout not ready"
    if isinstance(error, CheckoutError):
        return f"checkout error ({stage})"
    if isinstance(error, OperationalError):
        return f"database: {str(error).splitlines()[0][:60]}"
    return type(error).__name__


def choose_variants(count: int) -> list[ProductVariant]:
    """The hot demo variant first, then the first variant of other demo products; only
    variants kept in one warehouse (one stock row), so "available" means one row."""
    one_row = (
        Stock.objects.values("product_variant_id")
        .annotate(rows=Count("pk"))
        .filter(rows=1)
        .values("product_variant_id")
    )
    candidates = (
        ProductVariant.objects.filter(track_inventory=True, pk__in=one_row)
        .exclude(product__slug__startswith="synthetic-")
        .order_by(Case(When(sku=HOT_SKU, then=0), default=1), "product__slug", "sku")
    )
    chosen: list[ProductVariant] = []
    seen_products: set[int] = set()
    for variant in candidates.iterator():
        if variant.product_id not in seen_products:
            chosen.append(variant)
            seen_products.add(variant.product_id)
        if len(chosen) == count:
            return chosen
    raise CheckoutBenchError(f"the bench database has {len(chosen)} demo variants, not {count}")


def remove_bench_orders() -> None:
    """Delete the bench's orders and checkouts (and their payments), then recount what the
    remaining allocations hold on the stock rows they touched."""
    orders = Order.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}")
    stock_ids = set(
        Allocation.objects.filter(order_line__order__in=orders).values_list("stock_id", flat=True)
    )
    PaymentTransaction.objects.filter(payment__order__in=orders).delete()
    Payment.objects.filter(order__in=orders).delete()
    orders.delete()
    Checkout.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}").delete()
    for stock in Stock.objects.filter(pk__in=stock_ids):
        held = stock.allocations.aggregate(total=Sum("quantity_allocated"))["total"] or 0
        Stock.objects.filter(pk=stock.pk).update(quantity_allocated=held)


def set_available(variants: list[ProductVariant], units: int) -> None:
    """Exactly `units` available on each variant's stock row (what orders hold stays held)."""
    Stock.objects.filter(product_variant__in=variants).update(
        quantity=F("quantity_allocated") + units
    )


def _buyer(
    run: str, index: int, variant_id: int, channel: Channel, method_id: int, county_id: int
) -> Attempt:
    try:
        checkout = create_checkout(
            channel=channel,
            actor=None,
            email=f"{run}-{index}@{BENCH_EMAIL_DOMAIN}",
            lines=[LineInput(variant_id, 1)],
        )
        update_checkout_shipping_address(
            checkout,
            recipient_name="基准买家",
            mobile="199 0000 2001",
            county_id=county_id,
            address_detail="基准路 1 号",
            actor=None,
        )
        update_checkout_delivery_method(checkout, method_id, actor=None)
    except (CheckoutError, InsufficientStock, DatabaseError) as error:
        return Attempt(ok=False, error=error_kind(error, stage="adding to cart"))
    started = time.perf_counter()
    try:
        complete_checkout(checkout, actor=None, gateway=GATEWAY)
    except (CheckoutError, CheckoutNotReady, InsufficientStock, DatabaseError) as error:
        return Attempt(ok=False, error=error_kind(error, stage="completing"))
    return Attempt(ok=True, complete_ms=(time.perf_counter() - started) * 1000)


def run_buyers(jobs: list[Callable[[], Attempt]], buyers: int) -> tuple[list[Attempt], float]:
    """`buyers` threads take the jobs in turn; each thread has its own connection."""
    database = connection.settings_dict["NAME"]
    attempts: list[Attempt] = []
    lock = threading.Lock()
    pending = iter(jobs)
    barrier = threading.Barrier(buyers + 1)
    failures: list[BaseException] = []

    def buyer() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT current_database()")
                row = cursor.fetchone()
            if row is None or row[0] != database:
                raise CheckoutBenchError(f"a buyer thread reached {row}, not {database}")
            barrier.wait(timeout=60)
            while True:
                with lock:
                    job = next(pending, None)
                if job is None:
                    return
                result = job()
                with lock:
                    attempts.append(result)
        except BaseException as error:  # reported by the caller, never lost in a thread
            failures.append(error)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=buyer, name=f"buyer-{i}") for i in range(buyers)]
    for thread in threads:
        thread.start()
    with contextlib.suppress(threading.BrokenBarrierError):  # a buyer failed: raised below
        barrier.wait(timeout=60)
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if failures:
        raise CheckoutBenchError(f"a buyer thread failed: {failures[0]!r}") from failures[0]
    return attempts, seconds


def run_scenario(
    scenario: CheckoutScenario, *, checkouts: int, buyers: int, run: str
) -> CheckoutResult:
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    method = ShippingMethod.objects.get(slug=SHIPPING_METHOD)
    county = Region.objects.get(code=COUNTY_CODE)
    remove_bench_orders()
    variants = choose_variants(scenario.variants)
    quantities = dict(
        Stock.objects.filter(product_variant__in=variants).values_list("pk", "quantity")
    )
    set_available(variants, scenario.stock_each)
    tag = f"{run}-{scenario.name.replace(' ', '-')}"
    jobs = [
        _job(tag, k, variants[k % len(variants)].pk, channel, method.pk, county.pk)
        for k in range(checkouts)
    ]
    connection.close()  # the buyers open their own connections; this one waits idle
    try:
        attempts, seconds = run_buyers(jobs, buyers)
        sold = dict(
            OrderLine.objects.filter(order__email__startswith=f"{tag}-", variant__in=variants)
            .values("variant_id")
            .annotate(units=Sum("quantity"))
            .values_list("variant_id", "units")
        )
    finally:
        remove_bench_orders()
        for stock_id, quantity in quantities.items():
            Stock.objects.filter(pk=stock_id).update(quantity=quantity)
    return CheckoutResult(
        name=scenario.name,
        buyers=buyers,
        attempts=len(attempts),
        seconds=seconds,
        completed=sum(a.ok for a in attempts),
        complete_ms=sorted(a.complete_ms for a in attempts if a.ok),
        errors=Counter(a.error for a in attempts if not a.ok),
        stock=scenario.stock_each * len(variants),
        sold=sum(sold.values()),
        oversold=sum(max(0, sold.get(v.pk, 0) - scenario.stock_each) for v in variants),
    )


def _job(
    tag: str, index: int, variant_id: int, channel: Channel, method_id: int, county_id: int
) -> Callable[[], Attempt]:
    def job() -> Attempt:
        return _buyer(tag, index, variant_id, channel, method_id, county_id)

    return job


def run_checkout_bench(
    *,
    checkouts: int,
    buyers: int,
    scenarios: list[CheckoutScenario] | None = None,
) -> list[CheckoutResult]:
    """Each scenario in turn; order e-mails go to memory, not to the console."""
    run = f"bench{int(time.time())}"
    chosen = scenarios or default_scenarios(checkouts)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        return [
            run_scenario(scenario, checkouts=checkouts, buyers=buyers, run=run)
            for scenario in chosen
        ]
