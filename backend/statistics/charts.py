"""Server-rendered SVG bar charts: one bar per table row, for the statistics page.

Each chart is an image with a title and a description (`role="img"`, `aria-labelledby` on the
`<title>` and `<desc>`); the table beside it carries the same figures for screen readers and
keyboard users, so the chart itself holds no interactive parts. Bars are one dark colour with
the figure printed at the end of each bar: nothing is told by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from backend.statistics.tables import Table

WIDTH = 640
LABEL_WIDTH = 180
VALUE_WIDTH = 130
BAR_HEIGHT = 22
GAP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    y: int
    width: int


def _number(value: Decimal | int) -> str:
    return number_format(
        value, decimal_pos=2 if isinstance(value, Decimal) else 0, force_grouping=True
    )


def bar_chart(table: Table, *, chart_id: str) -> SafeString:
    """The chart of `table.chart_column`, or an empty string when the table has no chart."""
    if table.chart_column is None or not table.rows:
        return SafeString("")
    column = table.column(table.chart_column)
    values = [row.value(column.key) or 0 for row in table.rows]
    biggest = max(values) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = [
        Bar(
            label=str(row.label),
            value=Decimal(value),
            y=index * (BAR_HEIGHT + GAP),
            width=int(span * Decimal(value) / Decimal(biggest)),
        )
        for index, (row, value) in enumerate(zip(table.rows, values, strict=True))
    ]
    height = len(bars) * (BAR_HEIGHT + GAP)
    title = _("%(table)s: %(column)s") % {"table": table.title, "column": column.label}
    largest = max(bars, key=lambda bar: bar.value)
    desc = _(
        "Bar chart, one bar per row of the table that follows. Largest: %(label)s, %(value)s."
    ) % {
        "label": largest.label,
        "value": _number(values[bars.index(largest)]),
    }
    body = format_html_join(
        "",
        '<text x="{}" y="{}" class="chart-label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
        '<text x="{}" y="{}" class="chart-value">{}</text>',
        (
            (
                LABEL_WIDTH - 8,
                bar.y + BAR_HEIGHT - 6,
                bar.label[:14],
                LABEL_WIDTH,
                bar.y,
                max(bar.width, 1),
                BAR_HEIGHT,
                LABEL_WIDTH + bar.width + 6,
                bar.y + BAR_HEIGHT - 6,
                _number(value),
            )
            for bar, value in zip(bars, values, strict=True)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        id=chart_id,
        w=WIDTH,
        h=max(height, BAR_HEIGHT),
        title=title,
        desc=desc,
        body=body,
    )
