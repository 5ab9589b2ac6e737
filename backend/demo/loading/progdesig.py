"""Demo designations: last year's sales of four invented producers in 渭源县, regional
thresholds, one confirmed county demonstration household and candidates still to confirm.

- 马玉兰手工粉条 (disabled seller): 126,400 元 last year → county demonstration household,
  CONFIRMED by the 渭源县 federation operator (10,000 元 award).
- 何建国土蜂蜜 (poor household): 108,600 元 → eligible, NOT yet confirmed.
- 会川众兴中药材合作社 (cooperative): 12 supplying households with a disabled member,
  564,000 元 → eligible city demonstration base and leader, not yet confirmed.
- 渭源阳光就业基地 (employment base): 14 disabled employees → eligible employment base.
- Thresholds: 甘肃省 keeps the city base's 60,000 元 award; 渭源县 asks a leader to drive 8
  households (10 elsewhere).

Orders are created in bulk as checkout leaves paid ones (order, sub-order, lines; paid and
completed, placed through last year), with their sale entries in the producers' payouts
ledger, so every figure on the designation pages comes from the same ledger as the rest of
the platform. Runs after `load_demo()`; idempotent (a producer's orders are made once; the
designation is confirmed once). Sign-in: weiyuan-federation@demo.sunshine.test (demo
password) sees them at /programme/621123/<last year>/designations/.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.catalog.product_editing import default_channel
from backend.demo.identity_numbers import disability_certificate_number, poor_household_number
from backend.demo.loading.orders import can_place_orders
from backend.designations.confirmation import ConfirmationDraft, confirm_designation
from backend.designations.models import (
    Designation,
    DesignationKind,
    DesignationLevel,
    DesignationThreshold,
)
from backend.orders.models import Order, OrderLine, OrderStatus, PaymentStatus, SubOrder
from backend.payments.ledger import record_sale_entries
from backend.producers.models import Producer, ProducerKind
from backend.programme.models import Household, HouseholdMember, MemberRelation
from backend.regions.loading import add_named_region
from backend.regions.models import Region, RegionLevel

COUNTY_CODE = "621123"
OPERATOR_EMAIL = "weiyuan-federation@demo.sunshine.test"


@dataclass(frozen=True)
class DemoSeller:
    slug: str
    name: str
    kind: str
    product: str
    # (month, goods value) of last year's paid orders
    sales: tuple[tuple[int, str], ...]
    households: int = 0
    disabled_employees: int = 0


SELLERS = (
    DemoSeller(
        "demo-mayulan-fentiao",
        "马玉兰手工粉条",
        ProducerKind.DISABLED_INDIVIDUAL,
        "手工土豆粉条 5斤装",
        (*tuple((month, "10533.33") for month in range(1, 12)), (12, "10533.37")),
    ),
    DemoSeller(
        "demo-hejianguo-honey",
        "何建国土蜂蜜",
        ProducerKind.POOR_HOUSEHOLD,
        "渭源土蜂蜜 1斤",
        tuple((month, "9050.00") for month in range(1, 13)),
    ),
    DemoSeller(
        "demo-zhongxing-herbs-coop",
        "会川众兴中药材合作社",
        ProducerKind.COOPERATIVE,
        "党参段 500克",
        tuple((month, "47000.00") for month in range(1, 13)),
        households=12,
    ),
    DemoSeller(
        "demo-sunshine-employment-base",
        "渭源阳光就业基地",
        ProducerKind.EMPLOYMENT_BASE,
        "手工编织篮",
        ((5, "3200.00"), (10, "4100.00")),
        disabled_employees=14,
    ),
)


@dataclass(frozen=True)
class DemoDesignationsResult:
    year: int
    producers: int
    orders_created: int
    confirmed: Designation | None


def _village(county: Region) -> Region:
    township = add_named_region(county, "会川镇", RegionLevel.TOWNSHIP)
    return add_named_region(township, "众兴村", RegionLevel.VILLAGE)


def _producer(seller: DemoSeller, serial: int, village: Region) -> Producer:
    producer = Producer.objects.filter(slug=seller.slug).first()
    if producer is not None:
        return producer
    producer = Producer(
        slug=seller.slug,
        name=seller.name,
        kind=seller.kind,
        region=village,
        story="演示数据：虚构的经营者。",
        contact_name=seller.name[:3],
        disabled_employee_count=seller.disabled_employees,
        member_household_count=seller.households,
        opened_on=datetime.date(2020, 3, 1),
    )
    if seller.kind == ProducerKind.DISABLED_INDIVIDUAL:
        producer.disability_certificate_number = disability_certificate_number(
            COUNTY_CODE, datetime.date(1979, 5, 4), 900 + serial, male=False, category=4, grade=3
        )
    if seller.kind == ProducerKind.POOR_HOUSEHOLD:
        producer.poor_household_number = poor_household_number(COUNTY_CODE, 2016, 9000 + serial)
    producer.full_clean(exclude=["slug"])
    producer.save()
    return producer


def _households(seller: DemoSeller, village: Region) -> list[str]:
    codes = []
    for index in range(1, seller.households + 1):
        code = f"DEMO-ZX-{index:02d}"
        household, created = Household.objects.get_or_create(
            code=code,
            defaults={"region": village, "head_name": f"众兴村农户{index}（演示）"},
        )
        if created:
            HouseholdMember.objects.create(
                household=household,
                name=f"众兴村村民{index}（演示）",
                relation=MemberRelation.DISABLED_PERSON,
                disability_category=4,
                disability_grade=3,
            )
        codes.append(code)
    return codes


def _orders(producer: Producer, seller: DemoSeller, year: int, codes: list[str]) -> int:
    """Last year's paid orders of the producer, made once (none made if it has any)."""
    if SubOrder.objects.filter(producer=producer).exists():
        return 0
    channel = default_channel()
    zone = timezone.get_default_timezone()
    placed = [
        datetime.datetime(year, month, 12, 10, 30, tzinfo=zone) for month, _value in seller.sales
    ]
    orders = Order.objects.bulk_create(
        [
            Order(
                channel=channel,
                status=OrderStatus.COMPLETED,
                payment_status=PaymentStatus.FULLY_CHARGED,
                recipient_name="演示顾客",
                mobile="13800000000",
                region_code=COUNTY_CODE,
                province_name="甘肃省",
                city_name="定西市",
                county_name="渭源县",
                address_detail="清源镇演示路1号",
                shipping_method_name="快递",
                currency=channel.currency_code,
                subtotal_amount=Decimal(value),
                shipping_amount=Decimal("0"),
                total_amount=Decimal(value),
                created_at=when,
            )
            for (_month, value), when in zip(seller.sales, placed, strict=True)
        ]
    )
    sub_orders = SubOrder.objects.bulk_create(
        [
            SubOrder(
                order=order,
                producer=producer,
                status=OrderStatus.COMPLETED,
                currency=order.currency,
                subtotal_amount=order.subtotal_amount,
                total_amount=order.total_amount,
                created_at=order.created_at,
            )
            for order in orders
        ]
    )
    lines = []
    for sub_order in sub_orders:
        lines.extend(_lines(sub_order, seller, codes))
    OrderLine.objects.bulk_create(lines)
    record_sale_entries(sub_orders)
    return len(orders)


def _lines(sub_order: SubOrder, seller: DemoSeller, codes: list[str]) -> list[OrderLine]:
    """One line, or one line per supplying household (the goods value split to the cent)."""
    total = sub_order.subtotal_amount
    refs = codes if codes else [""]
    share = (total / len(refs)).quantize(Decimal("0.01"))
    amounts = [share] * (len(refs) - 1) + [total - share * (len(refs) - 1)]
    return [
        OrderLine(
            order_id=sub_order.order_id,
            sub_order=sub_order,
            producer_id=sub_order.producer_id,
            beneficiary_household_ref=ref,
            product_name=seller.product,
            quantity=1,
            quantity_fulfilled=1,
            currency=sub_order.currency,
            unit_price_amount=amount,
            total_price_amount=amount,
        )
        for ref, amount in zip(refs, amounts, strict=True)
    ]


def _thresholds() -> None:
    province = Region.objects.get(code="62")
    county = Region.objects.get(code=COUNTY_CODE)
    DesignationThreshold.objects.get_or_create(
        region=province,
        kind=DesignationKind.CITY_DEMONSTRATION_BASE,
        defaults={"award_amount": Decimal("60000.00")},
    )
    DesignationThreshold.objects.get_or_create(
        region=county, kind=DesignationKind.LEADER, defaults={"min_households": 8}
    )


def load_demo_progdesig() -> DemoDesignationsResult:
    year = timezone.localdate().year - 1
    county = Region.objects.get(code=COUNTY_CODE)
    with transaction.atomic():
        village = _village(county)
        _thresholds()
        created = 0
        producers: dict[str, Producer] = {}
        for serial, seller in enumerate(SELLERS, start=1):
            producer = _producer(seller, serial, village)
            producers[seller.slug] = producer
            codes = _households(seller, village) if seller.households else []
            created += _orders(producer, seller, year, codes)
    confirmed = _confirm(producers[SELLERS[0].slug], year)
    return DemoDesignationsResult(year, len(producers), created, confirmed)


def _confirm(producer: Producer, year: int) -> Designation | None:
    kind = DesignationKind.COUNTY_DEMONSTRATION_HOUSEHOLD
    existing = Designation.objects.filter(producer=producer, kind=kind, year=year).first()
    if existing is not None:
        return existing
    operator = User.objects.filter(email=OPERATOR_EMAIL).first()
    if operator is None or not can_place_orders():  # the service's durable transaction
        return None
    return confirm_designation(
        year,
        kind,
        "producer",
        producer.pk,
        ConfirmationDraft(
            level=DesignationLevel.COUNTY,
            awarded_on=datetime.date(year + 1, 3, 1),
            award_amount=Decimal("10000.00"),
        ),
        actor=operator,
    )
