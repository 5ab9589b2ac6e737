from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from backend.accounts.models import User
from backend.designations.eligibility import candidate, candidate_evidence, eligibility_list
from backend.designations.errors import DesignationError, DesignationErrorCode
from backend.designations.models import DesignationKind, DesignationThreshold
from backend.designations.tests.conftest import region
from backend.designations.tests.ledger_rows import moment, procurement_sale, shop_sale
from backend.enterprises.tests.factories import EnterpriseFactory
from backend.orders.models import OrderStatus, PaymentStatus
from backend.producers.models import ProducerKind
from backend.producers.tests.factories import (
    DisabledSellerFactory,
    PoorHouseholdFactory,
    ProducerFactory,
)
from backend.programme.models import HouseholdLinkKind, HouseholdProducerLink
from backend.programme.tests.factories import HouseholdFactory, HouseholdMemberFactory

pytestmark = pytest.mark.django_db
COUNTY = DesignationKind.COUNTY_DEMONSTRATION_HOUSEHOLD
CITY_BASE = DesignationKind.CITY_DEMONSTRATION_BASE
SOURCING = DesignationKind.SOURCING_ENTERPRISE
EMPLOYMENT = DesignationKind.EMPLOYMENT_BASE
LEADER = DesignationKind.LEADER


def names(candidates: list, kind: str) -> list[str]:  # type: ignore[type-arg]
    return [c.row.name for c in candidates if c.kind == kind and c.eligible]


def test_county_household_below_threshold_by_one_cent_not_eligible(
    province_operator: User,
) -> None:
    # given a disabled seller at 99,999.99 元 and a poor household at exactly 100,000.00 元
    short = DisabledSellerFactory.create(name="差一分")
    exact = PoorHouseholdFactory.create(name="正好十万")
    shop_sale(short, "60000.00", when=moment(2025, 3))
    shop_sale(short, "39999.99", when=moment(2025, 11))
    shop_sale(exact, "100000.00", when=moment(2025, 12, 31))
    # when
    found = eligibility_list(2025, actor=province_operator, kind=COUNTY)
    # then
    assert names(found, COUNTY) == ["正好十万"]
    assert candidate(2025, COUNTY, "producer", short.pk, actor=province_operator).shortfalls == (
        "sales_amount",
    )
    exact_candidate = found[0]
    assert exact_candidate.row.figures.sales_amount == Decimal("100000.00")
    assert exact_candidate.thresholds.min_sales_amount == Decimal("100000.00")
    assert exact_candidate.thresholds.award_amount == Decimal("10000.00")


def test_county_household_counts_only_paid_uncancelled_sales_net_of_refunds_in_the_year(
    province_operator: User,
) -> None:
    # given 100,000.00 of goods from counted sales, and rows that must not count
    seller = DisabledSellerFactory.create(name="老张")
    shop_sale(seller, "90000.00", when=moment(2025), shipping="500.00")  # shipping not a sale
    shop_sale(seller, "10500.00", when=moment(2025), refunded="500.00")  # 10,000 net
    shop_sale(seller, "7000.00", when=moment(2025), payment_status=PaymentStatus.NOT_CHARGED)
    shop_sale(seller, "7000.00", when=moment(2025), status=OrderStatus.CANCELLED)
    shop_sale(
        seller,
        "7000.00",
        when=moment(2025),
        status=OrderStatus.REFUNDED,
        payment_status=PaymentStatus.FULLY_REFUNDED,
        refunded="7000.00",
    )
    shop_sale(seller, "7000.00", when=moment(2024, 12, 31))  # the year before
    shop_sale(seller, "7000.00", when=moment(2026, 1, 1))  # the year after
    # when
    found = candidate(2025, COUNTY, "producer", seller.pk, actor=province_operator)
    # then
    assert found.row.figures.sales_amount == Decimal("100000.00")
    assert found.eligible


def test_county_household_year_runs_in_china_time(province_operator: User) -> None:
    # given a sale at 00:30 on 1 January 2026 in Beijing (still 2025 in UTC)
    seller = DisabledSellerFactory.create()
    sale = shop_sale(seller, "100000.00", when=moment(2026, 1, 1))
    sale.order.created_at = sale.order.created_at.replace(hour=0, minute=30)
    sale.order.save(update_fields=["created_at"])
    # when
    in_2025 = candidate(2025, COUNTY, "producer", seller.pk, actor=province_operator)
    in_2026 = candidate(2026, COUNTY, "producer", seller.pk, actor=province_operator)
    # then
    assert in_2025.row.figures.sales_amount == Decimal("0.00")
    assert in_2026.row.figures.sales_amount == Decimal("100000.00")


def disabled_household(code: str) -> None:
    """A programme household with a disabled member, whose code order lines carry."""
    HouseholdMemberFactory.create(household=HouseholdFactory.create(code=code))


def _base_with_households(name: str, households: int, total: str, *, disabled: int = -1) -> None:
    """A cooperative selling `total` for `households` households, `disabled` (default all)
    of them with a disabled member."""
    disabled = households if disabled < 0 else disabled
    for index in range(disabled):
        disabled_household(f"{name}-{index}")
    base = ProducerFactory.create(name=name, kind=ProducerKind.COOPERATIVE)
    share = (Decimal(total) / households).quantize(Decimal("0.01"))
    rest = Decimal(total) - share * (households - 1)
    for index in range(households):
        amount = rest if index == households - 1 else share
        shop_sale(base, amount, when=moment(2025, 1 + index % 12), household_ref=f"{name}-{index}")


def test_city_base_needs_ten_households_and_half_a_million(province_operator: User) -> None:
    # given 9 vs 10 disabled households at 500,000, 10 households at 499,999.99, and 10
    # households of which 9 have a disabled member
    _base_with_households("九户基地", 9, "500000.00")
    _base_with_households("十户基地", 10, "500000.00")
    _base_with_households("差一分基地", 10, "499999.99")
    _base_with_households("九残户基地", 10, "500000.00", disabled=9)
    # when
    found = eligibility_list(2025, actor=province_operator, kind=CITY_BASE)
    # then
    assert names(found, CITY_BASE) == ["十户基地"]
    assert found[0].row.figures.disabled_households == 10
    assert found[0].row.figures.households == 10
    assert found[0].thresholds.award_amount == Decimal("60000.00")


def test_city_base_households_count_procurement_suppliers_once(
    province_operator: User,
) -> None:
    # given a base whose 10 households supplied shop sales and an enterprise (one twice)
    base = ProducerFactory.create(name="合作社", kind=ProducerKind.COOPERATIVE)
    buyer = EnterpriseFactory.create()
    for index in range(10):
        disabled_household(f"HH-{index}")
    for index in range(9):
        shop_sale(base, "40000.00", when=moment(2025), household_ref=f"HH-{index}")
    procurement_sale(buyer, base, "140000.00", when=moment(2025), household_ref="HH-0")
    procurement_sale(buyer, base, "1000.00", when=moment(2025), household_ref="HH-9")
    procurement_sale(buyer, base, "99999.00", accepted="0", when=moment(2025), household_ref="X")
    # when
    found = candidate(2025, CITY_BASE, "producer", base.pk, actor=province_operator)
    # then: 9 × 40,000 + 140,000 + 1,000 = 501,000; households HH-0…HH-9
    assert found.row.figures.sales_amount == Decimal("501000.00")
    assert found.row.figures.households == 10
    assert found.row.figures.disabled_households == 10
    assert found.eligible


def test_sourcing_enterprise_needs_ten_bases(province_operator: User) -> None:
    # given one enterprise buying from 9 bases, another from 10 (and a disabled seller)
    nine = EnterpriseFactory.create(name="九基地食堂")
    ten = EnterpriseFactory.create(name="十基地食堂")
    bases = [ProducerFactory.create(kind=ProducerKind.COOPERATIVE) for _ in range(10)]
    for base in bases[:9]:
        procurement_sale(nine, base, "100.00", when=moment(2025))
    procurement_sale(nine, DisabledSellerFactory.create(), "100.00", when=moment(2025))
    procurement_sale(nine, bases[0], "100.00", when=moment(2025))
    for base in bases:
        procurement_sale(ten, base, "100.00", when=moment(2025))
    # when
    found = eligibility_list(2025, actor=province_operator, kind=SOURCING)
    # then
    assert names(found, SOURCING) == ["十基地食堂"]
    assert found[0].row.figures.bases == 10
    nine_found = candidate(2025, SOURCING, "enterprise", nine.pk, actor=province_operator)
    assert nine_found.row.figures.bases == 9
    assert nine_found.shortfalls == ("bases",)


def test_employment_base_needs_ten_disabled_employees(province_operator: User) -> None:
    # given employment bases with 9 and 10 disabled employees
    ProducerFactory.create(
        name="九人基地", kind=ProducerKind.EMPLOYMENT_BASE, disabled_employee_count=9
    )
    ProducerFactory.create(
        name="十人基地", kind=ProducerKind.EMPLOYMENT_BASE, disabled_employee_count=10
    )
    # when
    found = eligibility_list(2025, actor=province_operator, kind=EMPLOYMENT)
    # then
    assert names(found, EMPLOYMENT) == ["十人基地"]


def test_leader_drives_ten_households(province_operator: User) -> None:
    # given producers supplied by 9 and 10 households
    for name, count in (("九户带头人", 9), ("十户带头人", 10)):
        leader = ProducerFactory.create(name=name, kind=ProducerKind.ENTERPRISE_SHOP)
        for index in range(count):
            shop_sale(leader, "10.00", when=moment(2025), household_ref=f"{name}-{index}")
    # when
    found = eligibility_list(2025, actor=province_operator, kind=LEADER)
    # then
    assert names(found, LEADER) == ["十户带头人"]


def test_regional_threshold_overrides_default_most_specific_wins(
    province_operator: User,
) -> None:
    # given the province lowers the sales figure to 80,000 and 渭源县 raises it to 120,000
    DesignationThreshold.objects.create(
        region=region("62"), kind=COUNTY, min_sales_amount=Decimal("80000.00")
    )
    DesignationThreshold.objects.create(
        region=region("621123"),
        kind=COUNTY,
        min_sales_amount=Decimal("120000.00"),
        award_amount=Decimal("12000.00"),
    )
    in_weiyuan = DisabledSellerFactory.create(name="渭源十万", region=region("621123"))
    in_cheng = DisabledSellerFactory.create(name="成县八万", region=region("621221"))
    shop_sale(in_weiyuan, "100000.00", when=moment(2025))
    shop_sale(in_cheng, "80000.00", when=moment(2025))
    # when
    found = eligibility_list(2025, actor=province_operator, kind=COUNTY)
    weiyuan = candidate(2025, COUNTY, "producer", in_weiyuan.pk, actor=province_operator)
    # then
    assert names(found, COUNTY) == ["成县八万"]
    assert found[0].thresholds.min_sales_amount == Decimal("80000.00")
    assert found[0].thresholds.award_amount == Decimal("10000.00")  # code default kept
    assert weiyuan.thresholds.min_sales_amount == Decimal("120000.00")
    assert weiyuan.thresholds.award_amount == Decimal("12000.00")
    assert not weiyuan.eligible


def test_eligibility_list_only_in_operator_regions(
    county_operator: User, other_county_operator: User
) -> None:
    # given eligible sellers in 渭源县 and 成县
    mine = DisabledSellerFactory.create(name="渭源的", region=region("621123"))
    theirs = DisabledSellerFactory.create(name="成县的", region=region("621221"))
    shop_sale(mine, "100000.00", when=moment(2025))
    shop_sale(theirs, "100000.00", when=moment(2025))
    # when
    found = eligibility_list(2025, actor=county_operator)
    # then
    assert names(found, COUNTY) == ["渭源的"]
    with pytest.raises(DesignationError) as error:
        candidate(2025, COUNTY, "producer", theirs.pk, actor=county_operator)
    assert error.value.code == DesignationErrorCode.NOT_FOUND
    with pytest.raises(DesignationError) as missing:
        candidate(2025, COUNTY, "producer", 987654321, actor=county_operator)
    assert missing.value.code == DesignationErrorCode.NOT_FOUND


def test_candidate_of_a_kind_it_cannot_hold_not_found(province_operator: User) -> None:
    # given a cooperative (not a household)
    base = ProducerFactory.create(kind=ProducerKind.COOPERATIVE)
    # when / then
    with pytest.raises(DesignationError) as error:
        candidate(2025, COUNTY, "producer", base.pk, actor=province_operator)
    assert error.value.code == DesignationErrorCode.NOT_FOUND


def test_candidate_evidence_sales_by_month_and_households(province_operator: User) -> None:
    # given sales in March and November, supplied by two households (one with a disabled member)
    disabled_household("HH-A")
    base = ProducerFactory.create(kind=ProducerKind.COOPERATIVE)
    shop_sale(base, "300.00", when=moment(2025, 3), household_ref="HH-A")
    shop_sale(base, "200.00", when=moment(2025, 3), household_ref="HH-B")
    shop_sale(base, "150.00", when=moment(2025, 11), household_ref="HH-A")
    # when
    evidence = candidate_evidence(2025, CITY_BASE, "producer", base.pk, actor=province_operator)
    # then
    by_month = {month.month: (month.amount, month.sales) for month in evidence.months}
    assert len(evidence.months) == 12
    assert by_month[3] == (Decimal("500.00"), 2)
    assert by_month[11] == (Decimal("150.00"), 1)
    assert by_month[1] == (Decimal("0.00"), 0)
    assert evidence.months_total == Decimal("650.00")
    assert [
        (h.household_ref, h.lines, h.amount, h.has_disabled_member) for h in evidence.households
    ] == [
        ("HH-A", 2, Decimal("450.00"), True),
        ("HH-B", 1, Decimal("200.00"), False),
    ]


def test_leader_drives_households_supplying_or_linked_counted_once(
    province_operator: User,
) -> None:
    # given 7 supplying households, 4 linked ones (one of them also supplying), and links that
    # must not count: ended before the year, starting after it, and the producer's own shop
    leader = ProducerFactory.create(name="带头人", kind=ProducerKind.COOPERATIVE)
    for index in range(7):
        shop_sale(leader, "10.00", when=moment(2025), household_ref=f"S-{index}")

    def link(code: str, kind: str, start: str, end: str | None = None) -> None:
        HouseholdProducerLink.objects.create(
            household=HouseholdFactory.create(code=code),
            producer=leader,
            kind=kind,
            started_on=datetime.date.fromisoformat(start),
            ended_on=None if end is None else datetime.date.fromisoformat(end),
        )

    link("S-0", HouseholdLinkKind.MEMBER, "2020-01-01")
    link("L-1", HouseholdLinkKind.MEMBER, "2020-01-01")
    link("L-2", HouseholdLinkKind.SUPPLIER, "2025-12-31")
    link("L-3", HouseholdLinkKind.EMPLOYEE, "2024-03-01", "2025-01-01")
    link("OLD", HouseholdLinkKind.MEMBER, "2020-01-01", "2024-12-31")
    link("NEW", HouseholdLinkKind.MEMBER, "2026-01-01")
    link("OWN", HouseholdLinkKind.OWN_SHOP, "2020-01-01")
    # when
    found = candidate(2025, LEADER, "producer", leader.pk, actor=province_operator)
    # then: S-0…S-6 and L-1…L-3
    assert found.row.figures.households == 7
    assert found.row.figures.driven_households == 10
    assert found.eligible
