"""Procurement at scale (`make bench BENCH_ARGS="--only procurement"`).

Data (made once per bench database, set-based with `generate_series`, then reused): 10,000
verified enterprises, each with one active contract with a bench cooperative for one 1 kg
variant, and 100 procurement orders of 10 lines per 1,000 enterprises… in all 100,000 orders
(each an ordinary order with its sub-order) and 1,000,000 order lines with their 1,000,000
procurement order lines, accepted, spread over the year. Primary keys are assigned from the
current sequence values so every row's parents are found by arithmetic, then the sequences are
moved past them.

Figures:
- contract drawdown throughput: `schedule_delivery` (lock the contract, check what is
  outstanding over that contract's lines, price by the rule, create the order, allocate stock
  through the checkout's allocation code) per second, one thread and several threads on
  different contracts — all of the bench cooperative's one variant, so the threads queue on
  one stock row (the hot case); the bench's deliveries are removed afterwards and the stock
  reset;
- pledge progress: `pledge_progress` of one pledge, and `pledges_progress` of a page of 100
  pledges, median and p95 (all 10,000 at once took more than three minutes when tried).

Pledge progress is `backend.enterprises.pledges` (accepted procurement value plus staff members'
personal purchases in the year); the bench gives every bench enterprise an amount pledge.
"""

from __future__ import annotations

import datetime
import threading
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.catalog.models import Product, ProductVariant
from backend.demo.bench.timing import Timing, measure
from backend.enterprises.models import Enterprise, EnterpriseStatus, Pledge, PledgeKind
from backend.enterprises.pledges import pledge_progress, pledges_progress
from backend.orders.models import Order, OrderLine, SubOrder
from backend.procurement.deliveries import schedule_delivery
from backend.procurement.models import (
    Contract,
    ContractLine,
    FloorPrice,
    MarketPrice,
    ProcurementOrder,
    ProcurementOrderLine,
)
from backend.producers.models import Producer, ProducerKind
from backend.regions.models import Region
from backend.warehouse.models import Stock, Warehouse


@dataclass(frozen=True)
class BenchScale:
    enterprises: int = 10_000
    orders_per_enterprise: int = 10
    lines_per_order: int = 10

    @property
    def orders(self) -> int:
        return self.enterprises * self.orders_per_enterprise

    @property
    def lines(self) -> int:
        return self.orders * self.lines_per_order


FULL = BenchScale()
BENCH_SLUG = "bench-procurement-coop"
BENCH_EMAIL = "bench-procurement@bench.sunshine.test"
MARKER = "bench-procurement"
UNIT_PRICE = Decimal("62.50")
PLEDGE_PAGE = 100  # `pledges_progress` of all 10,000 pledges ran > 3 minutes: a listing page


@dataclass
class ProcurementBenchResult:
    enterprises: int
    order_lines: int
    built_seconds: float | None
    drawdown: list[tuple[int, int, float]]  # (threads, deliveries, seconds)
    pledge_one: Timing
    pledge_all: Timing
    pledge_source: str
    pledges: int


# ---- set-based data -----------------------------------------------------------------------


def _insert_select(
    model: type[models.Model], count_sql: str, exprs: dict[str, str], params: list[Any]
) -> None:
    """INSERT INTO model (every concrete column) SELECT … FROM generate_series(1, count) n.
    Columns not in `exprs` get their field default (or NULL), so fields added later still fit."""
    columns: list[str] = []
    values: list[str] = []
    defaults: list[Any] = []
    for field in model._meta.concrete_fields:
        column = field.column
        columns.append(f'"{column}"')
        if column in exprs:
            values.append(exprs[column])
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values.append("now()")
        else:
            default = field.get_default() if field.has_default() else None
            if default is None and not field.null:
                default = ""
            values.append("%s")
            defaults.append(field.get_db_prep_save(default, connection))
    sql = (
        f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM generate_series(1, {count_sql}) AS n"
    )
    # expression params come first in column order; build the list in column order
    ordered: list[Any] = []
    expr_params = iter(params)
    default_params = iter(defaults)
    for field in model._meta.concrete_fields:
        if field.column in exprs:
            ordered.extend(next(expr_params) for _ in range(exprs[field.column].count("%s")))
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        else:
            ordered.append(next(default_params))
    with connection.cursor() as cursor:
        cursor.execute(sql, ordered)


def _next_id(model: type[models.Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
        return int(cursor.fetchone()[0])


def _move_sequence(model: type[models.Model]) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"GREATEST((SELECT MAX(id) FROM {table}), 1))"
        )


def bench_producer() -> tuple[Producer, ProductVariant]:
    """The bench cooperative, its 1 kg variant with a large stock, and this year's prices."""
    region = Region.objects.get(code="621123")
    owner, _ = User.objects.get_or_create(email=BENCH_EMAIL, defaults={"name": "bench"})
    producer, _ = Producer.objects.get_or_create(
        slug=BENCH_SLUG,
        defaults={"name": "压测合作社", "kind": ProducerKind.COOPERATIVE, "region": region},
    )
    if producer.owner_id != owner.pk:
        producer.owner = owner
        producer.save(update_fields=["owner"])
    template = Product.objects.select_related("product_type", "category").first()
    assert template is not None, "the bench database needs the demo catalogue"
    product, _ = Product.objects.get_or_create(
        slug=BENCH_SLUG,
        defaults={
            "producer": producer,
            "name": "压测党参",
            "product_type": template.product_type,
            "category": template.category,
        },
    )
    variant, _ = ProductVariant.objects.get_or_create(
        sku=BENCH_SLUG, defaults={"product": product, "name": "1千克", "weight_grams": 1000}
    )
    warehouse, _ = Warehouse.objects.get_or_create(
        slug=BENCH_SLUG, defaults={"name": "压测仓", "producer": producer, "region": region}
    )
    Stock.objects.update_or_create(
        warehouse=warehouse,
        product_variant=variant,
        defaults={"quantity": 10_000_000, "quantity_allocated": 0},
    )
    year = timezone.localdate().year
    start, end = datetime.datetime(year, 1, 1).date(), datetime.datetime(year, 12, 31).date()
    FloorPrice.objects.get_or_create(
        product=product,
        valid_from=start,
        defaults={"valid_until": end, "amount_per_kg": Decimal("60.00"), "reason": MARKER},
    )
    MarketPrice.objects.get_or_create(
        product=product,
        period_start=start,
        defaults={"period_end": end, "amount_per_kg": UNIT_PRICE, "source": MARKER},
    )
    return producer, variant


def bench_rows_ready(scale: BenchScale) -> bool:
    return (
        ProcurementOrderLine.objects.filter(procurement_order__number__startswith="B-").count()
        >= scale.lines
    )


def build_bench_rows(producer: Producer, variant: ProductVariant, scale: BenchScale) -> None:
    """10,000 enterprises with contracts, 100,000 orders, 1,000,000 lines (set-based)."""
    region = Region.objects.get(code="620102")
    owner = producer.owner_id
    year = timezone.localdate().year
    n_orders, n_lines = scale.orders, scale.lines
    enterprises, per_order = scale.enterprises, scale.lines_per_order
    e0, c0, cl0 = _next_id(Enterprise), _next_id(Contract), _next_id(ContractLine)
    o0, s0, l0 = _next_id(Order), _next_id(SubOrder), _next_id(OrderLine)
    p0, pl0 = _next_id(ProcurementOrder), _next_id(ProcurementOrderLine)
    channel_id = Order.objects.values_list("channel_id", flat=True).first()
    if channel_id is None:
        from backend.catalog.product_editing import default_channel

        channel_id = default_channel().pk
    now = timezone.now()
    day = f"make_date({year}, 1, 1) + (mod(n, 360) * interval '1 day')"
    with transaction.atomic():
        _insert_select(
            Enterprise,
            str(enterprises),
            {
                "id": f"{e0} + n",
                "name": "'压测企业' || n",
                "slug": "'bench-enterprise-' || n",
                "kind": "'canteen'",
                "credit_code": "'B' || lpad(n::text, 17, '0')",
                "region_id": "%s",
                "status": f"'{EnterpriseStatus.VERIFIED}'",
                "created_at": "%s",
                "updated_at": "%s",
            },
            [region.pk, now, now],
        )
        _insert_select(
            Contract,
            str(enterprises),
            {
                "id": f"{c0} + n",
                "number": "'B-' || n",
                "enterprise_id": f"{e0} + n",
                "producer_id": "%s",
                "title": "'压测合同' || n",
                "status": "'active'",
                "period_start": f"make_date({year}, 1, 1)",
                "period_end": f"make_date({year}, 12, 31)",
                "quality_terms": "'一级'",
                "payment_terms": "'凭发票转账'",
                "enterprise_signed_at": "%s",
                "producer_signed_at": "%s",
                "created_at": "%s",
                "updated_at": "%s",
            },
            [producer.pk, now, now, now, now],
        )
        _insert_select(
            ContractLine,
            str(enterprises),
            {
                "id": f"{cl0} + n",
                "contract_id": f"{c0} + n",
                "variant_id": str(variant.pk),
                "grade": "'一级'",
                "quantity": "100000000",
            },
            [],
        )
        # order k (1..n_orders) belongs to enterprise/contract ((k - 1) % enterprises) + 1
        owner_of = f"(mod(n - 1, {enterprises}) + 1)"
        order_total = UNIT_PRICE * 5 * per_order
        _insert_select(
            Order,
            str(n_orders),
            {
                "id": f"{o0} + n",
                "token": "gen_random_uuid()",
                "email": f"'{BENCH_EMAIL}'",
                "channel_id": str(channel_id),
                "status": "'completed'",
                "recipient_name": "'压测'",
                "mobile": "'13900000000'",
                "province_name": "'甘肃省'",
                "county_name": "'城关区'",
                "address_detail": "'压测路1号'",
                "shipping_method_name": f"'{MARKER}'",
                "subtotal_amount": str(order_total),
                "total_amount": str(order_total),
                "created_at": day,
            },
            [],
        )
        _insert_select(
            SubOrder,
            str(n_orders),
            {
                "id": f"{s0} + n",
                "order_id": f"{o0} + n",
                "producer_id": str(producer.pk),
                "status": "'completed'",
                "subtotal_amount": str(order_total),
                "total_amount": str(order_total),
                "created_at": day,
                "updated_at": day,
            },
            [],
        )
        # line m (1..n_lines) belongs to order ((m - 1) / per_order) + 1
        order_of = f"(((n - 1) / {per_order}) + 1)"
        _insert_select(
            OrderLine,
            str(n_lines),
            {
                "id": f"{l0} + n",
                "order_id": f"{o0} + {order_of}",
                "sub_order_id": f"{s0} + {order_of}",
                "variant_id": str(variant.pk),
                "producer_id": str(producer.pk),
                "beneficiary_household_ref": "'HH-' || mod(n, 500)",
                "product_name": "'压测党参'",
                "quantity": "5",
                "quantity_fulfilled": "5",
                "unit_price_amount": str(UNIT_PRICE),
                "total_price_amount": str(UNIT_PRICE * 5),
                "weight_grams": "1000",
            },
            [],
        )
        _insert_select(
            ProcurementOrder,
            str(n_orders),
            {
                "id": f"{p0} + n",
                "number": "'B-' || n",
                "contract_id": f"{c0} + {owner_of}",
                "enterprise_id": f"{e0} + {owner_of}",
                "producer_id": str(producer.pk),
                "order_id": f"{o0} + n",
                "status": "'accepted'",
                "delivery_date": day,
                "total_amount": str(order_total),
                "accepted_amount": str(order_total),
                "accepted_by_id": str(owner),
                "accepted_at": day,
                "created_at": day,
            },
            [],
        )
        line_owner = f"(mod(({order_of}) - 1, {enterprises}) + 1)"
        line_day = f"make_date({year}, 1, 1) + (mod({order_of}, 360) * interval '1 day')"
        _insert_select(
            ProcurementOrderLine,
            str(n_lines),
            {
                "id": f"{pl0} + n",
                "procurement_order_id": f"{p0} + {order_of}",
                "contract_line_id": f"{cl0} + {line_owner}",
                "order_line_id": f"{l0} + n",
                "enterprise_id": f"{e0} + {line_owner}",
                "producer_id": str(producer.pk),
                "variant_id": str(variant.pk),
                "beneficiary_household_ref": "'HH-' || mod(n, 500)",
                "product_name": "'压测党参'",
                "grade": "'一级'",
                "unit_weight_grams": "1000",
                "quantity": "5",
                "quantity_accepted": "5",
                "price_rule": "'max_market_floor'",
                "market_amount_per_kg": str(UNIT_PRICE),
                "floor_amount_per_kg": "60.00",
                "settlement_amount_per_kg": str(UNIT_PRICE),
                "unit_price_amount": str(UNIT_PRICE),
                "total_price_amount": str(UNIT_PRICE * 5),
                "accepted_amount": str(UNIT_PRICE * 5),
                "created_at": line_day,
            },
            [],
        )
        for model in (
            Enterprise,
            Contract,
            ContractLine,
            Order,
            SubOrder,
            OrderLine,
            ProcurementOrder,
            ProcurementOrderLine,
        ):
            _move_sequence(model)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# ---- pledge progress ----------------------------------------------------------------------


def bench_pledges(year: int, amount: Decimal) -> list[Pledge]:
    """One amount pledge of this year per bench enterprise (made once, then reused)."""
    enterprises = Enterprise.objects.filter(slug__startswith="bench-enterprise-")
    missing = enterprises.exclude(pledges__year=year).values_list("pk", flat=True)
    Pledge.objects.bulk_create(
        [
            Pledge(enterprise_id=pk, year=year, kind=PledgeKind.AMOUNT, amount=amount)
            for pk in missing
        ],
        batch_size=2000,
    )
    return list(Pledge.objects.filter(enterprise__in=enterprises, year=year).order_by("pk"))


# ---- drawdown throughput ------------------------------------------------------------------


def _drawdown(contract_ids: list[int], owner: User, threads: int, per_thread: int) -> float:
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def work(chunk: list[int]) -> None:
        try:
            contracts = {c.pk: c for c in Contract.objects.filter(pk__in=chunk)}
            lines = dict(
                ContractLine.objects.filter(contract_id__in=chunk).values_list("contract_id", "pk")
            )
            barrier.wait(timeout=60)
            for index in range(per_thread):
                contract = contracts[chunk[index % len(chunk)]]
                schedule_delivery(
                    contract,
                    actor=owner,
                    delivery_date=contract.period_start,
                    quantities={lines[contract.pk]: 1},
                )
        except BaseException as error:  # reported after the run
            errors.append(error)
        finally:
            if threads > 1:
                connection.close()

    chunks = [contract_ids[i::threads] for i in range(threads)]
    started = time.perf_counter()
    if threads == 1:
        work(chunks[0])
    else:
        workers = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    seconds = time.perf_counter() - started
    if errors:
        raise errors[0]
    return seconds


def _remove_bench_deliveries(variant: ProductVariant) -> None:
    """Delete the deliveries this bench scheduled (not the set-based rows), reset the stock."""
    runs = ProcurementOrder.objects.filter(contract__number__startswith="B-").exclude(
        order__email=BENCH_EMAIL
    )
    order_ids = list(runs.values_list("order_id", flat=True))
    with transaction.atomic():
        ProcurementOrderLine.objects.filter(procurement_order__in=runs).delete()
        ProcurementOrder.objects.filter(order_id__in=order_ids).delete()
        Order.objects.filter(pk__in=order_ids).delete()  # lines and allocations cascade
        Stock.objects.filter(product_variant=variant).update(quantity_allocated=0)


def run_procurement_bench(
    *,
    deliveries: int,
    threads: int,
    runs: int,
    warmup: int,
    quiet: bool,
    scale: BenchScale = FULL,
) -> ProcurementBenchResult:
    producer, variant = bench_producer()
    built = None
    if not bench_rows_ready(scale):
        if not quiet:
            print("Building 10,000 enterprises and 1,000,000 procurement order lines…")
        started = time.perf_counter()
        build_bench_rows(producer, variant, scale)
        built = time.perf_counter() - started
    owner = User.objects.get(email=BENCH_EMAIL)
    contract_ids = list(
        Contract.objects.filter(number__startswith="B-")
        .order_by("pk")
        .values_list("pk", flat=True)[:1000]
    )
    _remove_bench_deliveries(variant)
    drawdown = []
    try:
        for count in sorted({1, threads}):
            seconds = _drawdown(contract_ids, owner, count, max(1, deliveries // count))
            drawdown.append((count, max(1, deliveries // count) * count, seconds))
    finally:
        _remove_bench_deliveries(variant)
    year = timezone.localdate().year
    pledges = bench_pledges(year, Decimal("100000.00"))
    sample = pledges[:: max(1, len(pledges) // 50)]
    cycle = iter(sample * (runs + warmup + 2))
    pledge_one = measure(lambda: pledge_progress(next(cycle)), runs=runs, warmup=warmup)
    page = pledges[:PLEDGE_PAGE]
    pledge_all = measure(lambda: pledges_progress(page), runs=max(3, runs // 5), warmup=1)
    return ProcurementBenchResult(
        enterprises=Enterprise.objects.count(),
        order_lines=ProcurementOrderLine.objects.count(),
        built_seconds=built,
        drawdown=drawdown,
        pledge_one=pledge_one,
        pledge_all=pledge_all,
        pledge_source="backend.enterprises.pledges (pledge_progress / pledges_progress)",
        pledges=len(page),
    )


def procurement_report(result: ProcurementBenchResult) -> str:
    lines = [
        "",
        f"Procurement — {result.enterprises:,} enterprises, "
        f"{result.order_lines:,} procurement order lines"
        + (f" (built in {result.built_seconds:.0f} s)" if result.built_seconds else ""),
        "",
        "| contract drawdown | threads | deliveries | seconds | deliveries/s |",
        "|---|---|---|---|---|",
    ]
    for threads, count, seconds in result.drawdown:
        lines.append(
            f"| schedule_delivery (lock, outstanding, price, order, allocate), "
            f"different contracts, one shared stock row | {threads} "
            f"| {count} | {seconds:.2f} | {count / seconds:.1f} |"
        )
    lines += [
        "",
        f"Pledge progress, timed: {result.pledge_source}",
        "",
        "| query | median | p95 | SQL |",
        "|---|---|---|---|",
        f"| one enterprise's year (of {result.order_lines:,} lines) "
        f"| {result.pledge_one.median_ms:.2f} ms | {result.pledge_one.p95_ms:.2f} ms "
        f"| {result.pledge_one.queries} |",
        f"| a page of {result.pledges:,} pledges at once | {result.pledge_all.median_ms:.1f} ms "
        f"| {result.pledge_all.p95_ms:.1f} ms | {result.pledge_all.queries} |",
        "",
    ]
    return "\n".join(lines)
