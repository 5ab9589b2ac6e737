"""Small-cell suppression: the one policy for every table that leaves the platform (CSV, XLSX,
the annual summary PDF, GraphQL).

A row whose figures describe fewer than `threshold` people (but more than none) could point at
a person (a county with two disabled sellers shows each one's income), so all its figures are
withheld. When exactly one row of a table with a total is withheld, the smallest other row with
people is withheld too, so the withheld row cannot be recovered by subtracting the others from
the total (secondary suppression). A total that itself describes fewer than `threshold` people
is withheld as well. Rows with no people (an empty month) stay: a zero points at nobody.

Override `SmallCellSuppression` (threshold, `is_small`) and point `suppression_policy()` at the
subclass to change the rule for every output at once.
"""

from __future__ import annotations

from dataclasses import replace

from backend.statistics.tables import Row, Table

SUPPRESSED_MARK = "<5"


class SmallCellSuppression:
    threshold = 5

    @property
    def mark(self) -> str:
        return f"<{self.threshold}"

    def is_small(self, row: Row) -> bool:
        return row.people is not None and 0 < row.people < self.threshold

    def withhold(self, row: Row) -> Row:
        return replace(row, values=dict.fromkeys(row.values), suppressed=True)

    def apply(self, table: Table) -> Table:
        small = {index for index, row in enumerate(table.rows) if self.is_small(row)}
        if len(small) == 1 and table.total is not None:
            others = [
                (row.people, index)
                for index, row in enumerate(table.rows)
                if index not in small and row.people
            ]
            if others:
                small.add(min(others)[1])
        rows = tuple(
            self.withhold(row) if index in small else row for index, row in enumerate(table.rows)
        )
        total = table.total
        if total is not None and self.is_small(total):
            total = self.withhold(total)
        return table.with_rows(rows, total)


def suppression_policy() -> SmallCellSuppression:
    return SmallCellSuppression()
