"""The summary tables give the figures the live order lines give, after every kind of change
(kept exact by the stale-mark triggers and the refresh before each read), and after a rebuild."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.orders.models import OrderLine, OrderStatus, PaymentStatus, SubOrder
from backend.producers.models import ProducerKind
from backend.statistics.areas import Area
from backend.statistics.models import HouseholdReach, ShopSales, StaleMark
from backend.statistics.sales import live_sales_figures, sales_figures
from backend.statistics.tasks import refresh_summaries
from backend.statistics.tests.scenarios import Fixture, Line, at, build_sales, sale

pytestmark = pytest.mark.django_db

AREAS = ("village", "township", "county_a", "county_b", "county_c", "city", "province")


def assert_summaries_match_live(fixture: Fixture, years: tuple[int, ...] = (2024, 2025)) -> None:
    for name in AREAS:
        for year in years:
            area = Area(fixture.regions[name])
            assert sales_figures(area, year) == live_sales_figures(area, year), (name, year)


def test_sales_figures_from_summaries_equal_live_lines_in_every_area():
    # given
    fixture = build_sales()
    # when / then
    assert_summaries_match_live(fixture)
    assert not StaleMark.objects.exists()  # the first read refreshed every marked row


def test_sales_figures_follow_a_refund_a_cancellation_and_a_payment():
    # given: figures read once (summaries filled)
    fixture = build_sales()
    county = Area(fixture.regions["county_a"])
    before = sales_figures(county, 2025)
    p3_sub_order = SubOrder.objects.get(producer=fixture.producers["P3"])
    p1_unpaid = SubOrder.objects.filter(
        producer=fixture.producers["P1"], order__payment_status=PaymentStatus.NOT_CHARGED
    ).get()
    # when: P3's sub-order refunded (H1 and H2 no longer reached)
    p3_sub_order.status = OrderStatus.REFUNDED
    p3_sub_order.save(update_fields=["status"])
    after_refund = sales_figures(county, 2025)
    # then
    assert after_refund.total.value == before.total.value - Decimal("80.00")
    assert after_refund.total.households == before.total.households - 2
    assert_summaries_match_live(fixture)
    # when: the refund undone by an operator correction, and P1's unpaid order paid
    p3_sub_order.status = OrderStatus.UNFULFILLED
    p3_sub_order.save(update_fields=["status"])
    order = p1_unpaid.order
    order.payment_status = PaymentStatus.FULLY_CHARGED
    order.save(update_fields=["payment_status"])
    # then
    assert sales_figures(county, 2025).total.value > before.total.value
    assert_summaries_match_live(fixture)


def test_sales_figures_follow_new_lines_deleted_lines_and_shop_changes():
    # given
    fixture = build_sales()
    assert_summaries_match_live(fixture, years=(2025,))
    p3 = fixture.producers["P3"]
    variant = OrderLine.objects.filter(producer=p3).first().variant
    assert variant is not None
    # when: a new paid order naming a new household, a line deleted, shops changed
    sale(at(2025, 7, 1), [Line(variant, 2, "20.00", household="H9")])
    OrderLine.objects.filter(producer=p3, beneficiary_household_ref="H2").delete()
    p3.kind = ProducerKind.ENTERPRISE_SHOP
    p3.save(update_fields=["kind"])
    p1 = fixture.producers["P1"]
    p1.region = fixture.regions["county_b"]
    p1.disability_category = 2
    p1.save(update_fields=["region", "disability_category"])
    # then
    assert_summaries_match_live(fixture, years=(2025,))


def test_statistics_rebuild_recomputes_every_row():
    # given: summaries filled, then damaged
    fixture = build_sales()
    expected = {name: sales_figures(Area(fixture.regions[name]), 2025) for name in AREAS}
    ShopSales.objects.update(value=Decimal("1.00"))
    HouseholdReach.objects.all().delete()
    # when
    call_command("statistics_rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # then
    assert {name: sales_figures(Area(fixture.regions[name]), 2025) for name in AREAS} == expected
    assert_summaries_match_live(fixture)


def test_refresh_costs_the_same_statements_with_no_marks_or_many():
    # given
    fixture = build_sales()
    counts = []
    # when: many marks (the fixture's), then none
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            sales_figures(Area(fixture.regions["province"]), 2025)
        counts.append(len(captured))
    # then
    assert counts[0] == counts[1]


def test_refresh_summaries_task_folds_every_mark_into_the_tables():
    # given: the fixture's lines marked, nothing read yet
    fixture = build_sales()
    assert StaleMark.objects.exists()
    # when
    refresh_summaries.delay()
    # then
    assert not StaleMark.objects.exists()
    assert ShopSales.objects.filter(producer_id=fixture.producers["P5"].pk).exists()
    assert_summaries_match_live(fixture, years=(2025,))
