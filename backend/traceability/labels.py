"""A printable A4 sheet of batch labels (reportlab): each label a QR code of the batch page,
the product, the batch code, the date and the place of origin.

Chinese text is set in WenQuanYi Micro Hei (Debian's fonts-wqy-microhei, installed by the
Makefile's system-deps) embedded as a subset; without it, reportlab's built-in STSong-Light
CID font is used (no file needed; PDF viewers supply the glyphs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from backend.traceability.qr import qr_png

COLUMNS, ROWS = 3, 4
MARGIN = 10 * mm
CJK_FONT_FILES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)


@dataclass(frozen=True)
class Label:
    url: str
    code: str
    product: str
    date_line: str
    origin: str


def _font() -> str:
    for path in CJK_FONT_FILES:
        if path.exists():
            name = "WenQuanYi"
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
            return name
    name = "STSong-Light"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def _fit(text: str, font: str, size: float, width: float) -> str:
    while text and pdfmetrics.stringWidth(text, font, size) > width:
        text = text[:-2] + "…" if len(text) > 2 else ""
    return text


def _draw(pdf: canvas.Canvas, label: Label, x: float, y: float, w: float, h: float, font: str):
    qr_side = min(w - 8 * mm, h - 26 * mm)
    pdf.drawImage(
        ImageReader(BytesIO(qr_png(label.url))),
        x + (w - qr_side) / 2,
        y + h - qr_side - 3 * mm,
        qr_side,
        qr_side,
    )
    lines = [(label.product, 10), (label.code, 11), (label.date_line, 8), (label.origin, 8)]
    text_y = y + h - qr_side - 8 * mm
    for text, size in lines:
        pdf.setFont(font, size)
        pdf.drawCentredString(x + w / 2, text_y, _fit(text, font, size, w - 4 * mm))
        text_y -= size + 2.5


def render_label_sheet(labels: Sequence[Label], *, title: str) -> bytes:
    """One or more A4 pages of COLUMNS × ROWS labels, with cut lines."""
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(title)
    pdf.setAuthor("Sunshine Market")
    font = _font()
    page_w, page_h = A4
    w = (page_w - 2 * MARGIN) / COLUMNS
    h = (page_h - 2 * MARGIN) / ROWS
    per_page = COLUMNS * ROWS
    for index, label in enumerate(labels):
        if index and index % per_page == 0:
            pdf.showPage()
        slot = index % per_page
        x = MARGIN + (slot % COLUMNS) * w
        y = page_h - MARGIN - (slot // COLUMNS + 1) * h
        pdf.setLineWidth(0.3)
        pdf.setDash(2, 2)
        pdf.rect(x, y, w, h)
        pdf.setDash()
        _draw(pdf, label, x, y, w, h, font)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
