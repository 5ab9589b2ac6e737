"""Fixture sales with hand-computed figures (see EXPECTED in the tests).

Regions: 渭源县 621123 (county A, city 定西 6211) with township 清源镇 and its village 城关村;
陇西县 621122 (county B, same city); 成县 621221 (county C, city 陇南 6212). Province 甘肃 62.

Sales in 2025 (China time), each line unit price × quantity:
- P1 disabled individual (physical), village 城关村: 15 Jan 2 × 50.00; 1 Jan 00:30 1 × 50.00
- P2 poor household, county A itself: 10 Mar 1 × 80.00
- P3 cooperative, township 清源镇: 10 Mar (same order as P2) household H1 3 × 20.00,
  household H2 1 × 20.00
- P4 disabled individual (visual), county B: 20 Mar 5 × 10.00
- P5 cooperative, county C: 1 Jun 10 × 30.00 (category 坚果; every other line 中药材)
Not counted: P1 unpaid order (Feb), P1 paid but sub-order cancelled (Feb), P1 paid at
31 Dec 2024 23:30 China time.
Shops opened in 2025: P1 (May), P3 (Feb), P4 (Jul); P2 in 2024, P5 in 2023.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from backend.accounts.tests.factories import UserFactory
from backend.catalog.models import Category, ProductVariant
from backend.catalog.tests.factories import (
    CategoryFactory,
    ChannelFactory,
    ProductFactory,
    ProductVariantFactory,
)
from backend.designations.models import Designation, DesignationKind, DesignationLevel
from backend.orders.models import Order, OrderLine, OrderStatus, PaymentStatus, SubOrder
from backend.producers.models import Producer
from backend.producers.tests.factories import (
    DisabledSellerFactory,
    PoorHouseholdFactory,
    ProducerFactory,
)
from backend.programme.models import (
    CourseTier,
    CourseTrack,
    HouseholdIncome,
    PovertyStatus,
    Target,
    TargetMetric,
)
from backend.programme.tests.factories import CourseFactory, EnrolmentFactory, HouseholdFactory
from backend.regions.loading import add_named_region
from backend.regions.models import Region, RegionLevel

CHINA = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=CHINA)


@dataclass
class Line:
    variant: ProductVariant
    quantity: int
    price: str
    household: str = ""


def sale(
    when: datetime.datetime,
    lines: list[Line],
    *,
    payment: PaymentStatus = PaymentStatus.FULLY_CHARGED,
    sub_order_status: OrderStatus = OrderStatus.UNFULFILLED,
) -> Order:
    """One order (one sub-order per producer) with the given lines, as checkout leaves it."""
    subtotal = sum((Decimal(line.price) * line.quantity for line in lines), Decimal("0"))
    order = Order.objects.create(
        channel=ChannelFactory.create(),
        status=OrderStatus.UNFULFILLED,
        payment_status=payment,
        recipient_name="张三",
        mobile="13800000000",
        province_name="甘肃省",
        county_name="渭源县",
        address_detail="城关镇1号",
        shipping_method_name="快递",
        subtotal_amount=subtotal,
        shipping_amount=Decimal("0"),
        total_amount=subtotal,
        created_at=when,
    )
    by_producer: dict[int, list[Line]] = {}
    for line in lines:
        by_producer.setdefault(line.variant.product.producer_id, []).append(line)
    for producer_id, producer_lines in by_producer.items():
        amount = sum((Decimal(line.price) * line.quantity for line in producer_lines), Decimal(0))
        sub_order = SubOrder.objects.create(
            order=order,
            producer_id=producer_id,
            status=sub_order_status,
            subtotal_amount=amount,
            total_amount=amount,
        )
        for line in producer_lines:
            OrderLine.objects.create(
                order=order,
                sub_order=sub_order,
                variant=line.variant,
                producer_id=producer_id,
                beneficiary_household_ref=line.household,
                product_name=line.variant.product.name,
                quantity=line.quantity,
                unit_price_amount=Decimal(line.price),
                total_price_amount=Decimal(line.price) * line.quantity,
            )
    return order


@dataclass
class Fixture:
    regions: dict[str, Region]
    producers: dict[str, Producer]
    categories: dict[str, Category]


def build_sales() -> Fixture:
    county_a = Region.objects.get(code="621123")
    county_b = Region.objects.get(code="621122")
    county_c = Region.objects.get(code="621221")
    township = add_named_region(county_a, "清源镇", RegionLevel.TOWNSHIP)
    village = add_named_region(township, "城关村", RegionLevel.VILLAGE)
    herbs = CategoryFactory.create(name="中药材", slug="stat-herbs")
    dangshen = CategoryFactory.create(name="党参", slug="stat-dangshen", parent=herbs)
    nuts = CategoryFactory.create(name="坚果", slug="stat-nuts")
    producers = {
        "P1": DisabledSellerFactory(region=village, opened_on=datetime.date(2025, 5, 1)),
        "P2": PoorHouseholdFactory(region=county_a, opened_on=datetime.date(2024, 1, 1)),
        "P3": ProducerFactory(region=township, opened_on=datetime.date(2025, 2, 2)),
        "P4": DisabledSellerFactory(
            region=county_b, opened_on=datetime.date(2025, 7, 7), disability_category=1
        ),
        "P5": ProducerFactory(region=county_c, opened_on=datetime.date(2023, 3, 3)),
    }
    variant = {
        name: ProductVariantFactory(
            product=ProductFactory(
                producer=producer,
                category=nuts if name == "P5" else dangshen if name == "P1" else herbs,
            )
        )
        for name, producer in producers.items()
    }
    sale(at(2025, 1, 15), [Line(variant["P1"], 2, "50.00")])
    sale(at(2025, 1, 1, 0, 30), [Line(variant["P1"], 1, "50.00")])
    sale(
        at(2025, 3, 10),
        [
            Line(variant["P2"], 1, "80.00"),
            Line(variant["P3"], 3, "20.00", household="H1"),
            Line(variant["P3"], 1, "20.00", household="H2"),
        ],
    )
    sale(at(2025, 3, 20), [Line(variant["P4"], 5, "10.00")])
    sale(at(2025, 6, 1), [Line(variant["P5"], 10, "30.00")])
    # not counted
    sale(at(2025, 2, 1), [Line(variant["P1"], 7, "50.00")], payment=PaymentStatus.NOT_CHARGED)
    sale(
        at(2025, 2, 2),
        [Line(variant["P1"], 7, "50.00")],
        sub_order_status=OrderStatus.CANCELLED,
    )
    sale(at(2024, 12, 31, 23, 30), [Line(variant["P1"], 7, "50.00")])
    return Fixture(
        regions={
            "county_a": county_a,
            "county_b": county_b,
            "county_c": county_c,
            "township": township,
            "village": village,
            "city": Region.objects.get(code="6211"),
            "province": Region.objects.get(code="62"),
        },
        producers=producers,
        categories={"herbs": herbs, "nuts": nuts},
    )


def build_records(fixture: Fixture) -> None:
    """Training, households, incomes, targets and a leader on top of `build_sales`.

    Completed in 2025: course C1 (county basic, running a shop, held in county A itself) 3
    people (2 disabled); C2 (city advanced, running a firm, township 清源镇) 2 disabled; C3
    (county B) 1 disabled. Not counted: one C1 enrolment not completed, one completed in 2024.
    Households: H1 (village, out of poverty 2025, baseline 3000, 2025 income 5000), H2
    (township, registered, baseline 4000, 2025 income 3500), H3 (county B, out of poverty
    2025), H4 (village, out of poverty 2024). Targets for county A 2025: people trained 10,
    shops opened 4, sales value 1000, sales volume (orders) 10. Leader: P3, county A, 2025.
    """
    regions = fixture.regions
    c1 = CourseFactory.create(region=regions["county_a"])
    c2 = CourseFactory.create(
        region=regions["township"], tier=CourseTier.CITY_ADVANCED, track=CourseTrack.RUNNING_A_FIRM
    )
    c3 = CourseFactory.create(region=regions["county_b"])
    done = datetime.date(2025, 3, 10)
    for course, disabled, completed_on in (
        (c1, True, done),
        (c1, True, done),
        (c1, False, done),
        (c1, True, None),
        (c1, True, datetime.date(2024, 12, 30)),
        (c2, True, done),
        (c2, True, done),
        (c3, True, done),
    ):
        EnrolmentFactory.create(
            course=course,
            is_disabled=disabled,
            completed=completed_on is not None,
            completed_on=completed_on,
        )
    out = PovertyStatus.OUT_OF_POVERTY
    h1 = HouseholdFactory.create(
        code="H1",
        region=regions["village"],
        poverty_status=out,
        out_of_poverty_year=2025,
        baseline_income_per_person=Decimal("3000.00"),
    )
    h2 = HouseholdFactory.create(
        code="H2",
        region=regions["township"],
        poverty_status=PovertyStatus.REGISTERED,
        baseline_income_per_person=Decimal("4000.00"),
    )
    HouseholdFactory.create(
        code="H3", region=regions["county_b"], poverty_status=out, out_of_poverty_year=2025
    )
    HouseholdFactory.create(
        code="H4", region=regions["village"], poverty_status=out, out_of_poverty_year=2024
    )
    HouseholdIncome.objects.create(household=h1, year=2025, income_per_person=Decimal("5000"))
    HouseholdIncome.objects.create(household=h2, year=2025, income_per_person=Decimal("3500"))
    for metric, value in (
        (TargetMetric.PEOPLE_TRAINED, "10"),
        (TargetMetric.SHOPS_OPENED, "4"),
        (TargetMetric.SALES_VALUE, "1000"),
        (TargetMetric.SALES_VOLUME, "10"),
    ):
        Target.objects.create(
            region=regions["county_a"], year=2025, metric=metric, value=Decimal(value)
        )
    Designation.objects.create(
        kind=DesignationKind.LEADER,
        year=2025,
        producer=fixture.producers["P3"],
        region=regions["county_a"],
        level=DesignationLevel.COUNTY,
        awarded_on=datetime.date(2025, 10, 1),
        award_amount=Decimal("0"),
        confirmed_by=UserFactory.create(),
    )
