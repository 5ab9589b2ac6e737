"""The contract as a PDF both sides can download (reportlab, with the WenQuanYi Micro Hei font
that the Makefile's system dependencies install, so Chinese is drawn as text, not boxes).

The PDF states the parties, period, price rule, quality and payment terms, the lines with their
progress and amount due, the deliveries, and who signed when. Text is in the reader's language
(the active translation).
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from backend.procurement.models import Contract, ProcurementOrder
from backend.procurement.progress import ContractProgress

FONT_NAME = "WenQuanYiMicroHei"
FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
)


def _font() -> str:
    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    configured = getattr(settings, "CJK_FONT_PATH", None)
    for path in (configured, *FONT_PATHS):
        if path and Path(path).exists():
            pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
            return FONT_NAME
    raise RuntimeError(
        "No CJK font found: install fonts-wqy-microhei (make system-deps) or set CJK_FONT_PATH"
    )


def _signature(user: object, when: object) -> str:
    if user is None or when is None:
        return _("not signed yet")
    return f"{user} · {when:%Y-%m-%d %H:%M} UTC"  # type: ignore[str-format]


def render_contract_pdf(
    contract: Contract, progress: ContractProgress, deliveries: list[ProcurementOrder]
) -> bytes:
    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=15, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, fontSize=16, leading=22, spaceAfter=6)
    subheading = ParagraphStyle("subheading", parent=body, fontSize=12, leading=18, spaceBefore=8)
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{contract.number} {contract.title}",
        author=contract.enterprise.name,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
    )

    def para(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(
            text.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br/>"), style
        )

    def table(rows: list[list[str]]) -> Table:
        grid = Table([[para(str(cell)) for cell in row] for row in rows], repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return grid

    rule = contract.get_price_rule_display()
    if contract.price_rule == "market_plus_percent":
        rule = f"{rule} ({contract.price_rule_percent}%)"
    story = [
        para(_("Direct-sourcing contract %(number)s") % {"number": contract.number}, heading),
        para(contract.title, subheading),
        table(
            [
                [_("Term"), _("Agreed")],
                [
                    _("Enterprise"),
                    f"{contract.enterprise.name} ({contract.enterprise.credit_code})",
                ],
                [_("Producer"), contract.producer.name],
                [_("Status"), contract.get_status_display()],
                [_("Period"), f"{contract.period_start} – {contract.period_end}"],
                [_("Price rule"), str(rule)],
                [_("Deliveries"), contract.get_delivery_frequency_display()],
                [_("Quality acceptance"), contract.quality_terms],
                [
                    _("Payment"),
                    contract.payment_terms
                    + "\n"
                    + _("Within %(days)s days of the invoice") % {"days": contract.payment_days},
                ],
            ]
        ),
        para(_("Products and progress"), subheading),
        table(
            [
                [
                    _("Product"),
                    _("Grade"),
                    _("Contracted"),
                    _("Delivered"),
                    _("Accepted"),
                    _("Rejected"),
                    _("Outstanding"),
                    _("Amount due (yuan)"),
                ]
            ]
            + [
                [
                    f"{line.product_name} {line.variant_name}",
                    line.grade,
                    str(line.contracted),
                    str(line.delivered),
                    str(line.accepted),
                    str(line.rejected),
                    str(line.outstanding),
                    str(line.amount_due),
                ]
                for line in progress.lines
            ]
            + [
                [
                    _("Total"),
                    "",
                    str(progress.contracted),
                    str(progress.delivered),
                    str(progress.accepted),
                    str(progress.rejected),
                    str(progress.outstanding),
                    str(progress.amount_due),
                ]
            ]
        ),
    ]
    if deliveries:
        story += [
            para(_("Deliveries"), subheading),
            table(
                [[_("Delivery"), _("Date"), _("Status"), _("Value (yuan)"), _("Amount due (yuan)")]]
                + [
                    [
                        d.number,
                        str(d.delivery_date),
                        d.get_status_display(),
                        str(d.total_amount),
                        str(d.accepted_amount),
                    ]
                    for d in deliveries
                ]
            ),
        ]
    story += [
        Spacer(1, 8 * mm),
        para(_("Signatures"), subheading),
        table(
            [
                [_("Side"), _("Signed by")],
                [
                    contract.enterprise.name,
                    _signature(contract.enterprise_signed_by, contract.enterprise_signed_at),
                ],
                [
                    contract.producer.name,
                    _signature(contract.producer_signed_by, contract.producer_signed_at),
                ],
            ]
        ),
    ]
    document.build(story)
    return buffer.getvalue()
