from __future__ import annotations

from decimal import Decimal

import pytest

from backend.statistics.areas import Area
from backend.statistics.records import household_records, people_trained
from backend.statistics.report import region_report
from backend.statistics.tests.scenarios import build_records, build_sales

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture():  # type: ignore[no-untyped-def]
    built = build_sales()
    build_records(built)
    return built


def test_people_trained_county_counts_completions_of_the_year_by_tier_track_and_place(fixture):
    # given
    regions = fixture.regions
    # when
    county = people_trained(Area(regions["county_a"]), 2025)
    city = people_trained(Area(regions["city"]), 2025)
    # then
    assert (county.total.people, county.total.disabled) == (5, 4)
    assert {tier: cell.people for tier, cell in county.by_tier.items()} == {
        "county_basic": 3,
        "city_advanced": 2,
    }
    assert {track: cell.people for track, cell in county.by_track.items()} == {
        "running_a_shop": 3,
        "running_a_firm": 2,
    }
    assert {key: cell.people for key, cell in county.by_child.items()} == {
        None: 3,
        str(regions["township"].pk): 2,
    }
    assert (city.total.people, city.total.disabled) == (6, 5)


def test_household_records_county_out_of_poverty_incomes_and_leaders(fixture):
    # given
    regions = fixture.regions
    # when
    county = household_records(Area(regions["county_a"]), 2025)
    city = household_records(Area(regions["city"]), 2025)
    # then
    assert county.out_of_poverty == 1  # H1; H4 left poverty in 2024
    assert county.out_of_poverty_by_child == {str(regions["township"].pk): 1}
    assert county.with_income == 2
    assert county.average_income == Decimal("4250.00")
    assert county.average_baseline == Decimal("3500.00")
    assert county.above_baseline == 1
    assert county.leaders == 1
    assert city.out_of_poverty == 2  # H1 and H3


def test_region_report_target_progress_compares_each_target_with_its_figure(fixture):
    # given
    report = region_report(fixture.regions["county_a"], 2025)
    # when
    rows = {row.key: row.values for row in report.target_progress.rows}
    # then
    assert rows["people_trained"] == {
        "target": Decimal("10"),
        "actual": 4,  # disabled people who completed a course
        "share": Decimal("40.0"),
    }
    assert rows["shops_opened"]["share"] == Decimal("50.0")
    assert rows["sales_value"]["actual"] == Decimal("310.00")
    assert rows["sales_value"]["share"] == Decimal("31.0")
    assert rows["sales_volume"]["actual"] == 4  # shop orders: P1 twice, P2 and P3 once each
    assert rows["sales_volume"]["share"] == Decimal("40.0")
    assert set(rows) == {"people_trained", "shops_opened", "sales_value", "sales_volume"}


def test_region_report_costs_the_same_queries_for_one_or_many_rows(
    fixture, django_assert_num_queries
):
    # given: a county with many sales, records and places, and one with a single sale
    report_regions = [fixture.regions["county_a"], fixture.regions["county_c"]]
    # when / then: the area's shops; the summaries' refresh (savepoint, lock, marks, refresh,
    # release); sales facts, households reached; category names; shops opened, purchases,
    # training, household records, targets, children
    for region in report_regions:
        with django_assert_num_queries(15):
            tables = region_report(region, 2025).tables
        assert len(tables) == 12
