"""The annual summary (due by 5 November): the year's headline tables for one region, as the
federation files them, with small cells withheld because it is printed or sent on.

`annual_summary(region, year)` gives the suppressed tables (the printable page renders them);
`export_summary_pdf(region, year, actor=...)` draws them into a PDF (reportlab, the CJK font of
the contract PDFs) and writes `STATISTICS_SUMMARY_EXPORTED` to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEventType
from backend.procurement.contract_pdf import _font as cjk_font
from backend.regions.models import Region
from backend.statistics.exports import ExportFile, lines_of
from backend.statistics.report import region_report
from backend.statistics.scope import region_key
from backend.statistics.suppression import SmallCellSuppression, suppression_policy
from backend.statistics.tables import Table

SUMMARY_TABLES = (
    "overview",
    "targets",
    "trained_tiers",
    "trained_tracks",
    "poverty_income",
    "households",
    "regions",
    "enterprise_purchases",
)


@dataclass(frozen=True)
class AnnualSummary:
    region: Region
    year: int
    tables: list[Table]  # already suppressed
    policy: SmallCellSuppression


def annual_summary(region: Region, year: int) -> AnnualSummary:
    report = region_report(region, year)
    policy = suppression_policy()
    tables = [policy.apply(report.table(key)) for key in SUMMARY_TABLES]
    return AnnualSummary(region=region, year=year, tables=tables, policy=policy)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_summary_pdf(summary: AnnualSummary) -> bytes:
    font = cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, fontSize=16, leading=22, spaceAfter=6)
    subheading = ParagraphStyle("subheading", parent=body, fontSize=12, leading=18, spaceBefore=10)
    buffer = BytesIO()
    title = _("Annual summary: %(region)s, %(year)s") % {
        "region": summary.region.full_name,
        "year": summary.year,
    }
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, leftMargin=15 * mm, rightMargin=15 * mm
    )
    story: list = [
        Paragraph(_escape(title), heading),
        Paragraph(
            _escape(
                _(
                    "Prepared %(date)s from Sunshine Market's own records. %(mark)s marks figures "
                    "about fewer than 5 people, withheld to protect them."
                )
                % {"date": timezone.localdate().isoformat(), "mark": summary.policy.mark}
            ),
            body,
        ),
    ]
    for table in summary.tables:
        story.append(Paragraph(_escape(str(table.title)), subheading))
        lines = lines_of(table, summary.policy.mark)
        grid = PdfTable(
            [[Paragraph(_escape(f"{cell}"), body) for cell in line] for line in lines],
            repeatRows=1,
        )
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.extend([grid, Spacer(1, 4 * mm)])
    document.build(story)
    return buffer.getvalue()


def export_summary_pdf(region: Region, year: int, *, actor: User) -> ExportFile:
    content = render_summary_pdf(annual_summary(region, year))
    with transaction.atomic(durable=True):
        record_audit_event(
            AuditEventType.STATISTICS_SUMMARY_EXPORTED,
            actor=actor,
            subject=region,
            extra={"year": year, "format": "pdf"},
        )
    return ExportFile(
        filename=f"annual-summary-{region_key(region)}-{year}.pdf",
        content_type="application/pdf",
        content=content,
    )
