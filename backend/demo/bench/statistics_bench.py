"""Programme statistics at province scale (`make bench BENCH_ARGS="--only statistics"`).

Data (made once per bench database, set-based with `generate_series`, then reused): in 青海
(province 63, which the demo and the other benches leave empty) 5,000 shops spread over its
counties (every producer kind and disability category), one product each over the demo's
categories, 50,000 households (a tenth out of poverty this year, half with an income record),
250,000 paid orders of 4 lines — 1,000,000 order lines over the year's months, the lines of
cooperatives and enterprise-run shops attributed to households — 300 courses with 9,000
completed enrolments, and the province's targets.

The sales summary tables are rebuilt (`statistics_rebuild`) after the bulk load, untimed, as
after any bulk import; the timed reads then refresh nothing or little.

Timed: the annual statistics page of the province (the full page through Django: access
check, the report's statements, charts and tables) and the XLSX workbook of every table
(report, suppression, openpyxl), median and p95, with their SQL query counts. Target ≤ 3 s.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from backend.accounts.models import User
from backend.catalog.models import Category, Product, ProductVariant
from backend.demo.bench.procurement_bench import _insert_select, _move_sequence, _next_id
from backend.demo.bench.timing import Timing, measure
from backend.orders.models import Order, OrderLine, SubOrder
from backend.producers.models import Producer, ProducerKind
from backend.programme.models import (
    Course,
    Enrolment,
    Household,
    HouseholdIncome,
    Target,
    TargetMetric,
)
from backend.regions.models import Region, RegionLevel
from backend.statistics.exports import export_workbook
from backend.statistics.models import StaleMark
from backend.statistics.summaries import rebuild

PROVINCE = "63"
PREFIX = "statbench-"
BENCH_EMAIL = "statistics-bench@bench.sunshine.test"
TARGET_SECONDS = 3.0
KINDS = [kind.value for kind in ProducerKind]


@dataclass(frozen=True)
class StatisticsScale:
    producers: int = 5_000
    households: int = 50_000
    orders: int = 250_000
    lines_per_order: int = 4
    courses: int = 300
    enrolments: int = 9_000

    @property
    def lines(self) -> int:
        return self.orders * self.lines_per_order


FULL = StatisticsScale()


@dataclass(frozen=True)
class StatisticsBenchResult:
    order_lines: int
    households: int
    built_seconds: float | None
    rebuilt_seconds: float | None
    page: Timing
    workbook: Timing
    workbook_bytes: int
    year: int


def bench_rows_ready(scale: StatisticsScale) -> bool:
    return OrderLine.objects.filter(producer__slug__startswith=PREFIX).count() >= scale.lines


def _sql_array(values: Sequence[object]) -> str:
    return (
        "ARRAY["
        + ", ".join(f"'{value}'" if isinstance(value, str) else str(value) for value in values)
        + "]"
    )


def build_rows(scale: StatisticsScale, year: int) -> None:
    counties = list(
        Region.objects.filter(province_code=PROVINCE, level=RegionLevel.COUNTY)
        .order_by("code")
        .values_list("pk", flat=True)
    )
    categories = list(Category.objects.filter(level=0).order_by("pk").values_list("pk", flat=True))
    template = Product.objects.select_related("product_type").first()
    if not (counties and categories and template):
        raise RuntimeError("the bench database needs the regions and the demo catalogue")
    channel_id = Order.objects.values_list("channel_id", flat=True).first()
    if channel_id is None:
        from backend.catalog.product_editing import default_channel

        channel_id = default_channel().pk
    now = timezone.now()
    county_of = f"({_sql_array(counties)})[mod(n, {len(counties)}) + 1]"
    kind_of = f"({_sql_array(KINDS)})[mod(n, {len(KINDS)}) + 1]"
    p0, pr0, v0 = _next_id(Producer), _next_id(Product), _next_id(ProductVariant)
    h0 = _next_id(Household)
    o0, s0, l0 = _next_id(Order), _next_id(SubOrder), _next_id(OrderLine)
    c0, i0, e0 = _next_id(Course), _next_id(HouseholdIncome), _next_id(Enrolment)
    per = scale.lines_per_order
    price, quantity = "25.00", 2
    order_total = f"{25 * quantity * per}.00"
    placed = (
        f"make_timestamptz({year}, 1, 1, 8, 0, 0, 'Asia/Shanghai') "
        f"+ (mod(n * 7919, 364) * interval '1 day') + (mod(n, 600) * interval '1 minute')"
    )
    with transaction.atomic():
        _insert_select(
            Producer,
            str(scale.producers),
            {
                "id": f"{p0} + n",
                "kind": kind_of,
                "name": "'统计压测店' || n",
                "slug": f"'{PREFIX}' || n",
                "region_id": county_of,
                "opened_on": f"make_date({year} - mod(n, 3), mod(n, 12) + 1, 1)",
                "disability_category": "CASE WHEN mod(n, 5) = 0 THEN NULL ELSE mod(n, 7) + 1 END",
                "disability_grade": "CASE WHEN mod(n, 5) = 0 THEN NULL ELSE mod(n, 4) + 1 END",
                "is_active": "true",
                "created_at": "%s",
                "updated_at": "%s",
            },
            [now, now],
        )
        _insert_select(
            Product,
            str(scale.producers),
            {
                "id": f"{pr0} + n",
                "producer_id": f"{p0} + n",
                "product_type_id": str(template.product_type_id),
                "category_id": f"({_sql_array(categories)})[mod(n, {len(categories)}) + 1]",
                "name": "'统计压测商品' || n",
                "slug": f"'{PREFIX}' || n",
                "created_at": "%s",
                "updated_at": "%s",
            },
            [now, now],
        )
        _insert_select(
            ProductVariant,
            str(scale.producers),
            {
                "id": f"{v0} + n",
                "product_id": f"{pr0} + n",
                "sku": f"'{PREFIX}' || n",
                "name": "'500克'",
                "weight_grams": "500",
                "created_at": "%s",
                "updated_at": "%s",
            },
            [now, now],
        )
        _insert_select(
            Household,
            str(scale.households),
            {
                "id": f"{h0} + n",
                "code": "'SB-' || n",
                "region_id": county_of,
                "head_name": "'压测户主' || n",
                "poverty_status": "CASE WHEN mod(n, 10) = 0 THEN 'out_of_poverty' "
                "ELSE 'registered' END",
                "out_of_poverty_year": f"CASE WHEN mod(n, 10) = 0 THEN {year} END",
                "baseline_year": str(year - 1),
                "baseline_income_per_person": "3000 + mod(n, 2000)",
            },
            [],
        )
        _insert_select(
            HouseholdIncome,
            str(scale.households // 2),
            {
                "id": f"{i0} + n",
                "household_id": f"{h0} + n * 2",
                "year": str(year),
                "income_per_person": "3500 + mod(n, 3000)",
            },
            [],
        )
        # order k has one sub-order of shop mod(k, producers) + 1 and `per` lines
        shop_of = f"(mod(n, {scale.producers}) + 1)"
        _insert_select(
            Order,
            str(scale.orders),
            {
                "id": f"{o0} + n",
                "token": "gen_random_uuid()",
                "email": f"'{BENCH_EMAIL}'",
                "channel_id": str(channel_id),
                "status": "'fulfilled'",
                "payment_status": "'fully_charged'",
                "recipient_name": "'压测'",
                "mobile": "'13900000000'",
                "province_name": "'青海省'",
                "county_name": "'压测县'",
                "address_detail": "'压测路1号'",
                "shipping_method_name": "'statistics bench'",
                "subtotal_amount": order_total,
                "total_amount": order_total,
                "created_at": placed,
            },
            [],
        )
        _insert_select(
            SubOrder,
            str(scale.orders),
            {
                "id": f"{s0} + n",
                "order_id": f"{o0} + n",
                "producer_id": f"{p0} + {shop_of}",
                "status": "'fulfilled'",
                "subtotal_amount": order_total,
                "total_amount": order_total,
                "created_at": "%s",
                "updated_at": "%s",
            },
            [now, now],
        )
        order_of = f"(((n - 1) / {per}) + 1)"
        line_shop = f"(mod({order_of}, {scale.producers}) + 1)"
        household_selling = f"({_sql_array(KINDS)})[mod({line_shop}, {len(KINDS)}) + 1] IN "
        household_selling += "('cooperative', 'enterprise_shop', 'employment_base')"
        _insert_select(
            OrderLine,
            str(scale.lines),
            {
                "id": f"{l0} + n",
                "order_id": f"{o0} + {order_of}",
                "sub_order_id": f"{s0} + {order_of}",
                "variant_id": f"{v0} + {line_shop}",
                "producer_id": f"{p0} + {line_shop}",
                "beneficiary_household_ref": f"CASE WHEN {household_selling} "
                f"THEN 'SB-' || (mod(n * 31, {scale.households}) + 1) ELSE '' END",
                "product_name": "'统计压测商品'",
                "quantity": str(quantity),
                "quantity_fulfilled": str(quantity),
                "unit_price_amount": price,
                "total_price_amount": f"{25 * quantity}.00",
                "weight_grams": "500",
            },
            [],
        )
        _insert_select(
            Course,
            str(scale.courses),
            {
                "id": f"{c0} + n",
                "title": "'压测培训班' || n",
                "tier": "CASE WHEN mod(n, 3) = 0 THEN 'city_advanced' ELSE 'county_basic' END",
                "track": "(ARRAY['running_a_firm', 'running_a_shop', 'ecommerce_work', "
                "'would_be_seller'])[mod(n, 4) + 1]",
                "provider": "'压测学校'",
                "region_id": county_of,
                "starts_on": f"make_date({year}, mod(n, 11) + 1, 1)",
                "ends_on": f"make_date({year}, mod(n, 11) + 1, 20)",
                "created_at": "%s",
            },
            [now],
        )
        _insert_select(
            Enrolment,
            str(scale.enrolments),
            {
                "id": f"{e0} + n",
                "course_id": f"{c0} + mod(n, {scale.courses}) + 1",
                "producer_id": f"{p0} + mod(n, {scale.producers}) + 1",
                "person_name": "'压测学员' || n",
                "is_disabled": "mod(n, 4) <> 0",
                "enrolled_on": f"make_date({year}, 1, 1)",
                "sessions_attended": "5",
                "completed": "true",
                "completed_on": f"make_date({year}, mod(n, 11) + 1, 25)",
                "created_at": "%s",
            },
            [now],
        )
        for model in (Producer, Product, ProductVariant, Household, Order, SubOrder, OrderLine):
            _move_sequence(model)
        for model_with_serial in (HouseholdIncome, Course, Enrolment):
            _move_sequence(model_with_serial)
        province = Region.objects.get(code=PROVINCE)
        for metric, value in (
            (TargetMetric.PEOPLE_TRAINED, 7_000),
            (TargetMetric.SHOPS_OPENED, 2_000),
            (TargetMetric.ACTIVE_SELLERS, 5_000),
            (TargetMetric.HOUSEHOLDS_EARNING, 40_000),
            (TargetMetric.HOUSEHOLDS_OUT_OF_POVERTY, 6_000),
            (TargetMetric.SALES_VALUE, 60_000_000),
        ):
            Target.objects.update_or_create(
                region=province, year=year, metric=metric, defaults={"value": value}
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _reader() -> User:
    user, _ = User.objects.get_or_create(email=BENCH_EMAIL, defaults={"name": "统计压测"})
    if not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return user


def run_statistics_bench(
    *, runs: int, warmup: int, quiet: bool, scale: StatisticsScale = FULL
) -> StatisticsBenchResult:
    year = timezone.localdate().year
    built = None
    if not bench_rows_ready(scale):
        if not quiet:
            print("Building 1,000,000 order lines and 50,000 households in 青海…")
        started = time.perf_counter()
        build_rows(scale, year)
        built = time.perf_counter() - started
    rebuilt = None
    if built is not None or StaleMark.objects.exists():
        # After a bulk load the summary tables are rebuilt at once, as after any bulk import.
        started = time.perf_counter()
        rebuild()
        rebuilt = time.perf_counter() - started
    reader = _reader()
    client = Client()
    client.force_login(reader)
    page_url = f"/programme/{PROVINCE}/{year}/"

    def page() -> None:
        response = client.get(page_url)
        assert response.status_code == 200, response.status_code

    province = Region.objects.get(code=PROVINCE)
    sizes: list[int] = []

    def workbook() -> None:
        sizes.append(len(export_workbook(province, year, actor=reader).content))

    timed_runs = max(3, runs // 10)
    return StatisticsBenchResult(
        order_lines=OrderLine.objects.filter(producer__region__province_code=PROVINCE).count(),
        households=Household.objects.filter(region__province_code=PROVINCE).count(),
        built_seconds=built,
        rebuilt_seconds=rebuilt,
        page=measure(page, runs=timed_runs, warmup=min(warmup, 1)),
        workbook=measure(workbook, runs=timed_runs, warmup=min(warmup, 1)),
        workbook_bytes=sizes[-1] if sizes else 0,
        year=year,
    )


def statistics_report(result: StatisticsBenchResult) -> str:
    def verdict(timing: Timing) -> str:
        return "within" if timing.p95_ms <= TARGET_SECONDS * 1000 else "OVER"

    return "\n".join(
        [
            "",
            f"Programme statistics — province 青海 (63), {result.year}: "
            f"{result.order_lines:,} order lines, {result.households:,} households"
            + (f" (built in {result.built_seconds:.0f} s)" if result.built_seconds else "")
            + (
                f"; summary tables rebuilt in {result.rebuilt_seconds:.0f} s"
                if result.rebuilt_seconds
                else ""
            ),
            "",
            "| request | median | p95 | SQL | target 3 s |",
            "|---|---|---|---|---|",
            f"| annual statistics page /programme/63/{result.year}/ "
            f"| {result.page.median_ms:.0f} ms | {result.page.p95_ms:.0f} ms "
            f"| {result.page.queries} | {verdict(result.page)} |",
            f"| XLSX workbook of every table ({result.workbook_bytes:,} bytes) "
            f"| {result.workbook.median_ms:.0f} ms | {result.workbook.p95_ms:.0f} ms "
            f"| {result.workbook.queries} | {verdict(result.workbook)} |",
            "",
        ]
    )
