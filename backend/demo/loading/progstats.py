"""Demo statistics: a year of sales for the demo's shops and two federation sign-ins.

- Orders of this year (January to the current month, China time) for every demo shop that
  sells something: two to six orders a month per shop, one to four units of one of its
  products at its listed price, created in bulk as checkout leaves paid ones (order, sub-order,
  lines; paid and completed) with their sale entries in the producers' payouts ledger — the
  same rows every report reads. Lines of cooperatives, bases and enterprise-run shops name one
  of the shop's linked households (`HouseholdProducerLink`, from `load_demo_progrec`) in turn.
  Stock is not drawn down: these are past sales, not reservations.
- A county federation operator for 成县 (陇南) and a city federation operator for 定西, staff
  with an operator region (invented people), who read /programme/.

Runs after `load_demo()` (and best after `load_demo_progrec()`); idempotent: a shop's year is
made once (found by the demo buyer's e-mail), the operators by e-mail.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.catalog.models import ProductVariantChannelListing
from backend.catalog.product_editing import default_channel
from backend.demo.accounts import DEMO_PASSWORD, DemoLogin
from backend.orders.models import Order, OrderLine, OrderStatus, PaymentStatus, SubOrder
from backend.payments.ledger import record_sale_entries
from backend.producers.models import Producer, ProducerKind
from backend.programme.models import HouseholdProducerLink
from backend.regions.models import Region
from backend.sellers.models import OperatorScope

BUYER_EMAIL = "year-of-sales@demo.sunshine.test"
COUNTY_OPERATOR = ("chengxian-federation@demo.sunshine.test", "成县残联 赵晓梅（演示）", "621221")
CITY_OPERATOR = ("dingxi-federation@demo.sunshine.test", "定西市残联 钱文博（演示）", "6211")
# For `LOADER_LOGINS` (backend/demo/accounts.py) once `load_demo` runs this loader.
PROGSTATS_LOGINS = (
    DemoLogin(
        COUNTY_OPERATOR[0],
        "county federation operator (staff)",
        "",
        (),
        "成县 statistics /programme/621221/",
    ),
    DemoLogin(
        CITY_OPERATOR[0],
        "city federation operator (staff)",
        "",
        (),
        "定西市 statistics /programme/6211/",
    ),
)
HOUSEHOLD_SELLING = (
    ProducerKind.COOPERATIVE,
    ProducerKind.EMPLOYMENT_BASE,
    ProducerKind.ENTERPRISE_SHOP,
)


@dataclass(frozen=True)
class DemoStatisticsResult:
    year: int
    shops: int
    orders_created: int
    operators: tuple[str, ...]


def _operator(email: str, name: str, region_code: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, name=name, is_staff=True)
        user.set_password(DEMO_PASSWORD)
        user.save()
    region = Region.objects.get(code=region_code)
    OperatorScope.objects.get_or_create(user=user, region=region)
    return user


def _listings(channel_id: int) -> dict[int, list[tuple[int, str, Decimal]]]:
    """producer id → [(variant id, product name, price)] of its listed variants."""
    rows = (
        ProductVariantChannelListing.objects.filter(
            channel_id=channel_id, variant__product__producer__isnull=False
        )
        .order_by("variant__product__producer_id", "variant_id")
        .values_list(
            "variant__product__producer_id", "variant_id", "variant__product__name", "price_amount"
        )
    )
    listed: dict[int, list[tuple[int, str, Decimal]]] = {}
    for producer_id, variant_id, name, price in rows:
        listed.setdefault(producer_id, []).append((variant_id, name, price))
    return listed


def _household_codes() -> dict[int, list[str]]:
    codes: dict[int, list[str]] = {}
    for producer_id, code in (
        HouseholdProducerLink.objects.filter(ended_on__isnull=True)
        .order_by("producer_id", "household__code")
        .values_list("producer_id", "household__code")
    ):
        codes.setdefault(producer_id, []).append(code)
    return codes


def _orders_per_month(serial: int, month: int) -> int:
    return 2 + (serial * 3 + month * 5) % 5


def _year_of_orders(producers: list[Producer], year: int, last_month: int) -> int:
    channel = default_channel()
    listed = _listings(channel.pk)
    households = _household_codes()
    zone = timezone.get_default_timezone()
    plans = []  # (producer, variant id, name, price, quantity, when, household ref)
    for serial, producer in enumerate(producers):
        variants = listed.get(producer.pk)
        if not variants:
            continue
        codes = households.get(producer.pk, []) if producer.kind in HOUSEHOLD_SELLING else []
        for month in range(1, last_month + 1):
            for n in range(_orders_per_month(serial, month)):
                variant_id, name, price = variants[(n + month) % len(variants)]
                quantity = 1 + (serial + n + month) % 4
                when = datetime.datetime(
                    year, month, 1 + (n * 6 + serial) % 27, 10, 30, tzinfo=zone
                )
                ref = codes[(month * 7 + n) % len(codes)] if codes else ""
                plans.append((producer, variant_id, name, price, quantity, when, ref))
    if not plans:
        return 0
    with transaction.atomic():
        orders = Order.objects.bulk_create(
            [
                Order(
                    channel=channel,
                    email=BUYER_EMAIL,
                    status=OrderStatus.COMPLETED,
                    payment_status=PaymentStatus.FULLY_CHARGED,
                    recipient_name="演示顾客",
                    mobile="13800000000",
                    region_code="110105",
                    province_name="北京市",
                    city_name="北京市",
                    county_name="朝阳区",
                    address_detail="演示路1号",
                    shipping_method_name="快递",
                    currency=channel.currency_code,
                    subtotal_amount=price * quantity,
                    shipping_amount=Decimal("0"),
                    total_amount=price * quantity,
                    created_at=when,
                )
                for _producer, _variant, _name, price, quantity, when, _ref in plans
            ]
        )
        sub_orders = SubOrder.objects.bulk_create(
            [
                SubOrder(
                    order=order,
                    producer=plan[0],
                    status=OrderStatus.COMPLETED,
                    currency=order.currency,
                    subtotal_amount=order.subtotal_amount,
                    total_amount=order.total_amount,
                    created_at=order.created_at,
                    delivered_at=order.created_at + datetime.timedelta(days=3),
                )
                for order, plan in zip(orders, plans, strict=True)
            ]
        )
        OrderLine.objects.bulk_create(
            [
                OrderLine(
                    order_id=sub_order.order_id,
                    sub_order=sub_order,
                    variant_id=variant_id,
                    producer_id=sub_order.producer_id,
                    beneficiary_household_ref=ref,
                    product_name=name,
                    quantity=quantity,
                    quantity_fulfilled=quantity,
                    currency=sub_order.currency,
                    unit_price_amount=price,
                    total_price_amount=price * quantity,
                )
                for sub_order, (_p, variant_id, name, price, quantity, _w, ref) in zip(
                    sub_orders, plans, strict=True
                )
            ]
        )
        record_sale_entries(sub_orders)
    return len(orders)


def load_demo_progstats() -> DemoStatisticsResult:
    """A year of demo sales and the federation sign-ins (after `load_demo()`)."""
    today = timezone.localdate()
    year, last_month = today.year, today.month
    done = SubOrder.objects.filter(order__email=BUYER_EMAIL).values("producer_id")
    producers = list(
        Producer.objects.exclude(pk__in=done)
        .exclude(slug__startswith="statbench-")
        .filter(is_active=True)
        .order_by("slug")
    )
    created = _year_of_orders(producers, year, last_month)
    for definition in (COUNTY_OPERATOR, CITY_OPERATOR):
        _operator(*definition)
    operators = (COUNTY_OPERATOR[0], CITY_OPERATOR[0])
    return DemoStatisticsResult(
        year=year,
        shops=SubOrder.objects.filter(order__email=BUYER_EMAIL)
        .values("producer_id")
        .distinct()
        .count(),
        orders_created=created,
        operators=operators,
    )
