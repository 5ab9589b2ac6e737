"""A region's statistics for a year, as tables: what the page, the exports, the annual summary
and GraphQL all read. `region_report(region, year)` runs a fixed number of statements whatever
the number of orders, households or child regions (each one SQL aggregation)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.dates import MONTHS
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from backend.producers.identity import DisabilityCategory
from backend.producers.models import ProducerKind
from backend.programme.models import CourseTier, CourseTrack, TargetMetric
from backend.regions.models import Region
from backend.statistics.areas import Area
from backend.statistics.purchases import PurchaseCell, Purchases, enterprise_purchases
from backend.statistics.records import (
    HouseholdRecords,
    TrainedCell,
    Training,
    household_records,
    people_trained,
    region_targets,
)
from backend.statistics.sales import EMPTY, SalesCell, SalesFigures, sales_figures
from backend.statistics.scope import region_key
from backend.statistics.shops import ShopsOpened, shops_opened
from backend.statistics.tables import Column, ColumnKind, Row, Table, Value

SELLERS = Column("sellers", _("Active sellers"), ColumnKind.COUNT)
QUANTITY = Column("quantity", _("Units sold"), ColumnKind.QUANTITY)
VALUE = Column("value", _("Sales value (yuan)"), ColumnKind.MONEY)
HOUSEHOLDS = Column("households", _("Households reached"), ColumnKind.COUNT)
INCOME = Column("income_per_household", _("Sales income per household (yuan)"), ColumnKind.MONEY)
SHOPS = Column("shops_opened", _("Shops opened"), ColumnKind.COUNT)

TRAINED = Column("people_trained", _("People trained"), ColumnKind.COUNT)
DISABLED_TRAINED = Column("disabled", _("Of whom disabled"), ColumnKind.COUNT)
OUT_OF_POVERTY = Column(
    "households_out_of_poverty", _("Households out of poverty"), ColumnKind.COUNT
)
NO_ONE = TrainedCell(0, 0)

SALES_COLUMNS = (SELLERS, QUANTITY, VALUE)


def _sales_row(key: str, label: str | Promise, cell: SalesCell) -> Row:
    return Row(
        key=key,
        label=label,
        values={"sellers": cell.sellers, "quantity": cell.quantity, "value": cell.value},
        people=cell.sellers,
    )


def _total(cell: SalesCell) -> Row:
    return _sales_row("total", _("Total"), cell)


@dataclass(frozen=True)
class RegionReport:
    region: Region
    year: int
    sales: SalesFigures
    shops: ShopsOpened
    purchases: Purchases
    area: Area
    training: Training
    records: HouseholdRecords
    targets: dict[str, Decimal]

    @property
    def tables(self) -> list[Table]:
        return [
            self.overview,
            self.target_progress,
            self.trained_by_tier,
            self.trained_by_track,
            self.poverty_and_income,
            self.by_month,
            self.by_category,
            self.by_kind,
            self.by_disability,
            self.households,
            self.by_child,
            self.enterprise_purchases,
        ]

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)

    @property
    def overview(self) -> Table:
        total = self.sales.total
        figures = (
            ("people_trained", _("People trained"), ColumnKind.COUNT, self.training.total.people),
            ("shops_opened", _("Shops opened"), ColumnKind.COUNT, self.shops.total),
            ("sellers", _("Active sellers (shops with a sale)"), ColumnKind.COUNT, total.sellers),
            ("quantity", _("Units sold"), ColumnKind.QUANTITY, total.quantity),
            ("value", _("Sales value (yuan)"), ColumnKind.MONEY, total.value),
            ("households", _("Households reached"), ColumnKind.COUNT, total.households),
            (
                "income_per_household",
                _("Sales income per household (yuan)"),
                ColumnKind.MONEY,
                total.income_per_household,
            ),
            (
                "households_out_of_poverty",
                _("Households out of poverty"),
                ColumnKind.COUNT,
                self.records.out_of_poverty,
            ),
            ("leaders", _("Leaders named"), ColumnKind.COUNT, self.records.leaders),
            (
                "enterprise_purchases",
                _("Enterprise purchases (yuan)"),
                ColumnKind.MONEY,
                self.purchases.total.total_value,
            ),
        )
        people = {
            "people_trained": self.training.total.people,
            "households_out_of_poverty": self.records.out_of_poverty,
            "leaders": self.records.leaders,
            "shops_opened": self.shops.total,
            "households": total.households,
            "income_per_household": total.households,
            "enterprise_purchases": self.purchases.total.producers,
        }
        rows = tuple(
            Row(
                key=key,
                label=label,
                values={"figure": value},
                people=people.get(key, total.sellers),
                kind=kind,
            )
            for key, label, kind, value in figures
        )
        return Table(
            key="overview",
            title=_("The year in figures"),
            columns=(Column("figure", _("Figure"), ColumnKind.COUNT),),
            rows=rows,
            row_heading=_("What is counted"),
        )

    @property
    def trained_by_tier(self) -> Table:
        return Table(
            key="trained_tiers",
            title=_("People trained by course tier"),
            columns=(TRAINED, DISABLED_TRAINED),
            rows=tuple(
                _trained_row(tier.value, tier.label, self.training.by_tier.get(tier, NO_ONE))
                for tier in CourseTier
            ),
            total=_trained_row("total", _("Total"), self.training.total),
            chart_column="people_trained",
            row_heading=_("Course tier"),
            notes=(_("People who completed a course in the year, in courses held here."),),
        )

    @property
    def trained_by_track(self) -> Table:
        return Table(
            key="trained_tracks",
            title=_("People trained by course track"),
            columns=(TRAINED, DISABLED_TRAINED),
            rows=tuple(
                _trained_row(track.value, track.label, self.training.by_track.get(track, NO_ONE))
                for track in CourseTrack
            ),
            total=_trained_row("total", _("Total"), self.training.total),
            chart_column="people_trained",
            row_heading=_("Course track"),
        )

    @property
    def poverty_and_income(self) -> Table:
        records = self.records
        figures: tuple[tuple[str, str | Promise, ColumnKind, Value, int], ...] = (
            (
                "out_of_poverty",
                _("Households out of poverty this year"),
                ColumnKind.COUNT,
                records.out_of_poverty,
                records.out_of_poverty,
            ),
            (
                "with_income",
                _("Households with an income record for the year"),
                ColumnKind.COUNT,
                records.with_income,
                records.with_income,
            ),
            (
                "average_income",
                _("Average income per person (yuan)"),
                ColumnKind.MONEY,
                records.average_income,
                records.with_income,
            ),
            (
                "average_baseline",
                _("Their average income per person at the start (yuan)"),
                ColumnKind.MONEY,
                records.average_baseline,
                records.with_baseline,
            ),
            (
                "above_baseline",
                _("Households earning more than at the start"),
                ColumnKind.COUNT,
                records.above_baseline,
                records.with_baseline,
            ),
        )
        return Table(
            key="poverty_income",
            title=_("Households out of poverty and their income"),
            columns=(Column("figure", _("Figure"), ColumnKind.COUNT),),
            rows=tuple(
                Row(key=key, label=label, values={"figure": value}, people=people, kind=kind)
                for key, label, kind, value, people in figures
            ),
            row_heading=_("What is counted"),
            notes=(_("From the household records kept by federation staff."),),
        )

    def actual(self, metric: str) -> tuple[Value, int]:
        """The figure a target of `metric` is measured against, and the people behind it."""
        sales = self.sales.total
        actuals: dict[str, tuple[Value, int]] = {
            TargetMetric.PEOPLE_TRAINED: (
                self.training.total.disabled,
                self.training.total.disabled,
            ),
            TargetMetric.SHOPS_OPENED: (self.shops.total, self.shops.total),
            TargetMetric.ACTIVE_SELLERS: (sales.sellers, sales.sellers),
            TargetMetric.LEADERS: (self.records.leaders, self.records.leaders),
            TargetMetric.HOUSEHOLDS_EARNING: (sales.households, sales.households),
            TargetMetric.HOUSEHOLDS_OUT_OF_POVERTY: (
                self.records.out_of_poverty,
                self.records.out_of_poverty,
            ),
            TargetMetric.SALES_VALUE: (sales.value, sales.sellers),
            TargetMetric.SALES_VOLUME: (self.sales.orders, sales.sellers),
        }
        return actuals[metric]

    @property
    def target_progress(self) -> Table:
        rows = []
        for metric in TargetMetric:
            if metric.value not in self.targets:
                continue
            target = self.targets[metric.value]
            actual, people = self.actual(metric)
            share = (
                (Decimal(actual or 0) * 100 / target).quantize(Decimal("0.1")) if target else None
            )
            kind = ColumnKind.MONEY if metric == TargetMetric.SALES_VALUE else ColumnKind.COUNT
            rows.append(
                Row(
                    key=metric.value,
                    label=metric.label,
                    values={"target": target, "actual": actual, "share": share},
                    people=people,
                    kind=kind,
                )
            )
        return Table(
            key="targets",
            title=_("Progress against this year's targets"),
            columns=(
                Column("target", _("Target"), ColumnKind.COUNT),
                Column("actual", _("Reached"), ColumnKind.COUNT),
                Column("share", _("Share of target reached"), ColumnKind.PERCENT),
            ),
            rows=tuple(rows),
            chart_column="share",
            row_heading=_("Target"),
            notes=(
                _("People trained counts disabled people who completed a course."),
                _("Sales volume counts shop orders: an order from two shops counts twice."),
            ),
        )

    @property
    def by_month(self) -> Table:
        cells = self.sales.by["month"]
        rows = tuple(
            _sales_row(f"{month:02d}", MONTHS[month], cells.get(month, EMPTY))
            for month in range(1, 13)
        )
        return Table(
            key="months",
            title=_("Sales by month"),
            columns=SALES_COLUMNS,
            rows=rows,
            total=_total(self.sales.total),
            chart_column="value",
            row_heading=_("Month"),
        )

    @property
    def by_category(self) -> Table:
        cells = self.sales.by["category"]
        names = self.sales.category_names
        ordered = sorted(cells.items(), key=lambda item: (item[0] is None, -item[1].value))
        rows = tuple(
            _sales_row(
                str(key) if key is not None else "none",
                names.get(key, "") if key is not None else _("No category"),
                cell,
            )
            for key, cell in ordered
        )
        return Table(
            key="categories",
            title=_("Sales by product category"),
            columns=SALES_COLUMNS,
            rows=rows,
            total=_total(self.sales.total),
            chart_column="value",
            row_heading=_("Category"),
        )

    @property
    def by_kind(self) -> Table:
        cells = self.sales.by["kind"]
        rows = tuple(
            _sales_row(kind.value, kind.label, cells.get(kind.value, EMPTY))
            for kind in ProducerKind
        )
        return Table(
            key="producer_kinds",
            title=_("Sales by kind of producer"),
            columns=SALES_COLUMNS,
            rows=rows,
            total=_total(self.sales.total),
            chart_column="value",
            row_heading=_("Kind of producer"),
        )

    @property
    def by_disability(self) -> Table:
        cells = self.sales.by["disability"]
        rows = [
            _sales_row(str(category.value), category.label, cells.get(category.value, EMPTY))
            for category in DisabilityCategory
        ]
        rows.append(_sales_row("none", _("No disability certificate"), cells.get(None, EMPTY)))
        return Table(
            key="disability",
            title=_("Sales by disability category of the seller"),
            columns=SALES_COLUMNS,
            rows=tuple(rows),
            total=_total(self.sales.total),
            chart_column="value",
            row_heading=_("Disability category"),
        )

    @property
    def households(self) -> Table:
        columns = (HOUSEHOLDS, VALUE, INCOME)
        cells = self.sales.by["kind"]

        def row(kind: ProducerKind) -> Row:
            cell = cells.get(kind.value, EMPTY)
            return Row(
                key=kind.value,
                label=kind.label,
                values={
                    "households": cell.households,
                    "value": cell.household_value,
                    "income_per_household": cell.income_per_household,
                },
                people=cell.households,
            )

        total = self.sales.total
        return Table(
            key="households",
            title=_("Households reached and their sales income"),
            columns=columns,
            rows=tuple(row(kind) for kind in ProducerKind),
            total=Row(
                key="total",
                label=_("Total"),
                values={
                    "households": total.households,
                    "value": total.household_value,
                    "income_per_household": total.income_per_household,
                },
                people=total.households,
            ),
            chart_column="households",
            row_heading=_("Sold through"),
            notes=(
                _(
                    "A household is reached when an order line names it as the supplying "
                    "household, or when its own shop made the sale."
                ),
            ),
        )

    @property
    def by_child(self) -> Table:
        children = self.area.children
        cells = self.sales.by["child"]
        opened = self.shops.by_child
        trained = self.training.by_child
        poverty = self.records.out_of_poverty_by_child

        def values(key: str | None) -> dict[str, Value]:
            return {
                "people_trained": trained.get(key, NO_ONE).people,
                **_child_values(cells.get(key, EMPTY), opened.get(key, 0)),
                "households_out_of_poverty": poverty.get(key, 0),
            }

        def people(key: str | None) -> int:
            return max(cells.get(key, EMPTY).sellers, trained.get(key, NO_ONE).people)

        rows = [
            Row(
                key=key,
                label=child.name,
                values=values(key),
                people=people(key),
                link_key=region_key(child),
            )
            for key, child in children.items()
        ]
        itself = values(None)
        if any(itself.values()):
            rows.append(
                Row(
                    key="itself",
                    label=_("Registered at this level"),
                    values=itself,
                    people=people(None),
                )
            )
        return Table(
            key="regions",
            title=_("By smaller region"),
            columns=(TRAINED, SHOPS, SELLERS, VALUE, HOUSEHOLDS, OUT_OF_POVERTY),
            rows=tuple(rows),
            total=Row(
                key="total",
                label=_("Total"),
                values={
                    "people_trained": self.training.total.people,
                    **_child_values(self.sales.total, self.shops.total),
                    "households_out_of_poverty": self.records.out_of_poverty,
                },
                people=max(self.sales.total.sellers, self.training.total.people),
            ),
            chart_column="value",
            row_heading=_("Region"),
        )

    @property
    def enterprise_purchases(self) -> Table:
        columns = (
            Column("producers", _("Producers supplying"), ColumnKind.COUNT),
            Column("contract_value", _("Under contract (yuan)"), ColumnKind.MONEY),
            Column("quote_value", _("From quotes (yuan)"), ColumnKind.MONEY),
            Column("protected_value", _("At a protected price (yuan)"), ColumnKind.MONEY),
        )

        def row(cell: PurchaseCell, key: str, label: str | Promise) -> Row:
            return Row(
                key=key,
                label=label,
                values={
                    "producers": cell.producers,
                    "contract_value": cell.contract_value,
                    "quote_value": cell.quote_value,
                    "protected_value": cell.protected_value,
                },
                people=cell.producers,
            )

        return Table(
            key="enterprise_purchases",
            title=_("Purchases by enterprises"),
            columns=columns,
            rows=tuple(
                row(cell, str(cell.enterprise_id), cell.enterprise_name)
                for cell in self.purchases.by_enterprise
            ),
            total=row(self.purchases.total, "total", _("Total")),
            chart_column="contract_value",
            row_heading=_("Enterprise"),
        )


def _trained_row(key: str, label: str | Promise, cell: TrainedCell) -> Row:
    return Row(
        key=key,
        label=label,
        values={"people_trained": cell.people, "disabled": cell.disabled},
        people=cell.people,
    )


def _child_values(cell: SalesCell, opened: int) -> dict[str, Value]:
    return {
        "shops_opened": opened,
        "sellers": cell.sellers,
        "value": cell.value,
        "households": cell.households,
    }


def region_report(region: Region, year: int) -> RegionReport:
    area = Area(region)
    return RegionReport(
        region=region,
        year=year,
        sales=sales_figures(area, year),
        shops=shops_opened(area, year),
        purchases=enterprise_purchases(area, year),
        area=area,
        training=people_trained(area, year),
        records=household_records(area, year),
        targets=region_targets(area, year),
    )
