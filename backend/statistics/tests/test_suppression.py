from __future__ import annotations

from backend.statistics.suppression import SmallCellSuppression
from backend.statistics.tables import Column, ColumnKind, Row, Table


def table(*people: int, total: int | None = None) -> Table:
    rows = tuple(
        Row(key=str(index), label=f"row {index}", values={"n": count}, people=count)
        for index, count in enumerate(people)
    )
    return Table(
        key="t",
        title="t",
        columns=(Column("n", "n", ColumnKind.COUNT),),
        rows=rows,
        total=None if total is None else Row("total", "Total", {"n": total}, people=total),
    )


def test_suppression_rows_under_five_people_are_withheld_zero_and_five_stay():
    # given
    policy = SmallCellSuppression()
    # when
    safe = policy.apply(table(0, 4, 5, 1, 12))
    # then
    assert [row.suppressed for row in safe.rows] == [False, True, False, True, False]
    assert [row.values["n"] for row in safe.rows] == [0, None, 5, None, 12]


def test_suppression_single_small_row_beside_a_total_withholds_the_next_smallest():
    # given: 3 could be recovered as 30 - 7 - 20
    policy = SmallCellSuppression()
    # when
    safe = policy.apply(table(3, 20, 7, total=30))
    # then
    assert [row.suppressed for row in safe.rows] == [True, False, True]
    assert safe.total is not None
    assert safe.total.values == {"n": 30}


def test_suppression_small_total_is_withheld():
    # given
    policy = SmallCellSuppression()
    # when
    safe = policy.apply(table(1, 2, total=3))
    # then
    assert safe.total is not None
    assert safe.total.suppressed
    assert safe.total.values == {"n": None}


def test_suppression_policy_threshold_is_overridable():
    # given
    class TenOrMore(SmallCellSuppression):
        threshold = 10

    # when
    safe = TenOrMore().apply(table(9, 10, 11))
    # then
    assert [row.suppressed for row in safe.rows] == [True, False, False]
    assert TenOrMore().mark == "<10"
