"""The year-end pledge statement: as CSV (for spreadsheets) and as PDF (reportlab, drawn with
the WenQuanYi Micro Hei font so Chinese is text, not boxes). Text follows the active language.

Both contain the same figures: the pledge and its target, the accepted procurement value, the
staff members' purchases, the total and what remains, then the households bought from (from
the benefit-link register) and the verified employment, input and bill links.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from backend.enterprises.benefit_links import Register
from backend.enterprises.pledges import PledgeProgress

FONT_NAME = "WenQuanYiMicroHei"
FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
)


def _font() -> str:
    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    for path in (getattr(settings, "CJK_FONT_PATH", None), *FONT_PATHS):
        if path and Path(path).exists():
            pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
            return FONT_NAME
    return "Helvetica"  # pragma: no cover - the Makefile installs the font


def summary_rows(progress: PledgeProgress) -> list[tuple[str, str]]:
    pledge = progress.pledge
    if pledge.kind == "share":
        pledged = _("%(share)s%% of %(base)s yuan food purchasing") % {
            "share": pledge.share_percent,
            "base": pledge.base_amount,
        }
    else:
        pledged = _("%(amount)s yuan") % {"amount": pledge.amount}
    return [
        (_("Enterprise"), pledge.enterprise.name),
        (_("Unified social credit code"), pledge.enterprise.credit_code),
        (_("Year"), str(pledge.year)),
        (_("Pledged"), pledged),
        (_("Target (yuan)"), f"{progress.target_amount:.2f}"),
        (_("Accepted procurement (yuan)"), f"{progress.procurement_amount:.2f}"),
        (_("Staff members' purchases (yuan)"), f"{progress.staff_amount:.2f}"),
        (_("Total (yuan)"), f"{progress.total_amount:.2f}"),
        (_("Remaining (yuan)"), f"{progress.remaining_amount:.2f}"),
        (_("Progress (%)"), f"{progress.percent}"),
    ]


def _household_rows(register: Register) -> list[list[str]]:
    return [
        [
            row.producer_name,
            row.household_ref or _("the producer's own household"),
            f"{row.procurement_amount:.2f}",
            f"{row.staff_amount:.2f}",
            f"{row.total_amount:.2f}",
        ]
        for row in register.buys_from
    ]


def _link_rows(register: Register) -> list[list[str]]:
    return [
        [
            link.get_kind_display(),
            link.producer.name if link.producer else (link.household_ref or "—"),
            str(link.disabled_employee_count) if link.kind == "employs" else f"{link.amount:.2f}",
            link.description,
        ]
        for link in register.entered
    ]


def _household_header() -> list[str]:
    return [
        _("Producer"),
        _("Household"),
        _("Procurement (yuan)"),
        _("Staff purchases (yuan)"),
        _("Total (yuan)"),
    ]


def _link_header() -> list[str]:
    return [_("Link"), _("Household or producer"), _("Count or amount"), _("Description")]


def statement_csv(progress: PledgeProgress, register: Register) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Pledge statement"), timezone.localdate().isoformat()])
    for label, value in summary_rows(progress):
        writer.writerow([label, value])
    writer.writerow([])
    writer.writerow([_("Households bought from")])
    writer.writerow(_household_header())
    writer.writerows(_household_rows(register))
    writer.writerow([])
    writer.writerow([_("Other verified benefit links")])
    writer.writerow(_link_header())
    writer.writerows(_link_rows(register))
    return out.getvalue()


def statement_pdf(progress: PledgeProgress, register: Register) -> bytes:
    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=22, spaceAfter=6)
    heading = ParagraphStyle("heading", parent=body, fontSize=12, leading=18, spaceBefore=8)
    grid = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )

    def table(rows: list[list[str]], widths: list[float] | None = None) -> Table:
        wrapped = [[Paragraph(str(cell), body) for cell in row] for row in rows]
        return Table(wrapped, colWidths=widths, style=grid, repeatRows=1)

    pledge = progress.pledge
    story = [
        Paragraph(
            _("Pledge statement %(year)s: %(name)s")
            % {"year": pledge.year, "name": pledge.enterprise.name},
            title,
        ),
        Paragraph(_("Issued on %(day)s") % {"day": timezone.localdate().isoformat()}, body),
        Spacer(1, 4 * mm),
        table([list(r) for r in summary_rows(progress)], [70 * mm, 100 * mm]),
        Paragraph(_("Households bought from"), heading),
        table([_household_header(), *_household_rows(register)]),
        Paragraph(_("Other verified benefit links"), heading),
        table([_link_header(), *_link_rows(register)]),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{pledge.enterprise.name} {pledge.year}",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
    )
    document.build(story)
    return buffer.getvalue()
