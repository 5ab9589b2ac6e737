from __future__ import annotations

from decimal import Decimal

import pytest

from backend.statistics.areas import Area
from backend.statistics.report import region_report
from backend.statistics.sales import sales_figures
from backend.statistics.tests.scenarios import build_sales

pytestmark = pytest.mark.django_db


def test_sales_figures_county_counts_paid_lines_of_the_year_only():
    # given
    fixture = build_sales()
    # when
    figures = sales_figures(Area(fixture.regions["county_a"]), 2025)
    # then: P1 150 (two January lines), P2 80, P3 60 + 20; unpaid, cancelled and 2024 left out
    total = figures.total
    assert total.value == Decimal("310.00")
    assert total.quantity == 8
    assert total.sellers == 3
    assert total.households == 4  # P1's and P2's own shops, H1 and H2
    assert total.household_value == Decimal("310.00")
    assert total.income_per_household == Decimal("77.50")


def test_sales_figures_county_breaks_down_by_month_kind_disability_and_category():
    # given
    fixture = build_sales()
    # when
    figures = sales_figures(Area(fixture.regions["county_a"]), 2025)
    # then
    months = {month: cell.value for month, cell in figures.by["month"].items()}
    assert months == {1: Decimal("150.00"), 3: Decimal("160.00")}
    assert figures.by["month"][1].quantity == 3
    kinds = {kind: cell.value for kind, cell in figures.by["kind"].items()}
    assert kinds == {
        "disabled_individual": Decimal("150.00"),
        "poor_household": Decimal("80.00"),
        "cooperative": Decimal("80.00"),
    }
    disability = {key: cell.value for key, cell in figures.by["disability"].items()}
    assert disability == {4: Decimal("150.00"), None: Decimal("160.00")}
    herbs = fixture.categories["herbs"].pk
    assert {key: cell.value for key, cell in figures.by["category"].items()} == {
        herbs: Decimal("310.00")  # 党参 rolls up into its top category 中药材
    }


def test_sales_figures_roll_up_village_township_county_city_province():
    # given
    fixture = build_sales()
    regions = fixture.regions
    # when
    value = {
        name: sales_figures(Area(regions[name]), 2025).total.value
        for name in ("village", "township", "county_a", "city", "province")
    }
    # then
    assert value == {
        "village": Decimal("150.00"),
        "township": Decimal("230.00"),
        "county_a": Decimal("310.00"),
        "city": Decimal("360.00"),
        "province": Decimal("660.00"),
    }


def test_sales_figures_child_breakdown_names_each_smaller_region():
    # given
    fixture = build_sales()
    regions = fixture.regions
    # when
    county = sales_figures(Area(regions["county_a"]), 2025).by["child"]
    city = sales_figures(Area(regions["city"]), 2025).by["child"]
    province = sales_figures(Area(regions["province"]), 2025).by["child"]
    # then
    assert {key: cell.value for key, cell in county.items()} == {
        str(regions["township"].pk): Decimal("230.00"),
        None: Decimal("80.00"),  # P2 registered at county level
    }
    assert {key: cell.value for key, cell in city.items()} == {
        "621123": Decimal("310.00"),
        "621122": Decimal("50.00"),
    }
    assert {key: cell.value for key, cell in province.items()} == {
        "6211": Decimal("360.00"),
        "6212": Decimal("300.00"),
    }


def test_region_report_shops_opened_counts_opening_dates_in_the_year():
    # given
    fixture = build_sales()
    # when
    county = region_report(fixture.regions["county_a"], 2025)
    province = region_report(fixture.regions["province"], 2025)
    # then
    assert county.shops.total == 2  # P1 and P3
    assert county.shops.by_child == {str(fixture.regions["township"].pk): 2}
    assert province.shops.total == 3
