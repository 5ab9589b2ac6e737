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
from backend.regions.models import Region
from backend.statistics.areas import Area
from backend.statistics.purchases import PurchaseCell, Purchases, enterprise_purchases
from backend.statistics.sales import EMPTY, SalesCell, SalesFigures, sales_figures
from backend.statistics.scope import region_key
from backend.statistics.shops import ShopsOpened, shops_opened
from backend.statistics.tables import Column, ColumnKind, Row, Table

SELLERS = Column("sellers", _("Active sellers"), ColumnKind.COUNT)
QUANTITY = Column("quantity", _("Units sold"), ColumnKind.QUANTITY)
VALUE = Column("value", _("Sales value (yuan)"), ColumnKind.MONEY)
HOUSEHOLDS = Column("households", _("Households reached"), ColumnKind.COUNT)
INCOME = Column("income_per_household", _("Sales income per household (yuan)"), ColumnKind.MONEY)
SHOPS = Column("shops_opened", _("Shops opened"), ColumnKind.COUNT)

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

    @property
    def tables(self) -> list[Table]:
        return [
            self.overview,
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
                "enterprise_purchases",
                _("Enterprise purchases (yuan)"),
                ColumnKind.MONEY,
                self.purchases.total.total_value,
            ),
        )
        people = {
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
        rows = [
            Row(
                key=key,
                label=child.name,
                values=_child_values(cells.get(key, EMPTY), opened.get(key, 0)),
                people=cells.get(key, EMPTY).sellers,
                link_key=region_key(child),
            )
            for key, child in children.items()
        ]
        itself = cells.get(None, EMPTY)
        if itself.sellers or opened.get(None):
            rows.append(
                Row(
                    key="itself",
                    label=_("Registered at this level"),
                    values=_child_values(itself, opened.get(None, 0)),
                    people=itself.sellers,
                )
            )
        return Table(
            key="regions",
            title=_("By smaller region"),
            columns=(SHOPS, SELLERS, VALUE, HOUSEHOLDS),
            rows=tuple(rows),
            total=Row(
                key="total",
                label=_("Total"),
                values=_child_values(self.sales.total, self.shops.total),
                people=self.sales.total.sellers,
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


def _child_values(cell: SalesCell, opened: int) -> dict[str, int | Decimal | None]:
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
    )
