"""Scenario builders for traceability tests: villages, batches through the service, paid orders
through the real checkout, and reading QR codes back (from the page's SVG, a PNG or the PDF)."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO
from typing import Any

import zxingcpp
from PIL import Image, ImageDraw

from backend.accounts.models import User
from backend.catalog.models import Channel, ProductVariant
from backend.checkout.models import ShippingMethod
from backend.checkout.tests.scenarios import ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.models import Order
from backend.payments.offline import confirm_offline_payment
from backend.producers.models import Producer
from backend.regions.loading import add_named_region
from backend.regions.models import Region, RegionLevel
from backend.traceability.batches import BatchInput, record_batch
from backend.traceability.models import Batch

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def village(county_code: str = "621123", township: str = "会川镇", name: str = "本庙村") -> Region:
    county = Region.objects.get(code=county_code)
    town = add_named_region(county, township, RegionLevel.TOWNSHIP)
    return add_named_region(town, name, RegionLevel.VILLAGE)


def new_batch(
    seller: Producer,
    variant: ProductVariant,
    *,
    quantity: int = 100,
    made_on: date = date(2026, 9, 1),
    origin: Region | None = None,
    actor: User | None = None,
    grade: str = "特级",
) -> Batch:
    origin = origin or village(seller.region.county_code or "621123")
    data = BatchInput(
        variant_id=variant.pk,
        made_on=made_on,
        origin_id=origin.pk,
        quantity=quantity,
        grade=grade,
        notes="高山种植，不打农药。",
    )
    return record_batch(seller, data, actor=actor or seller.owner)


def paid_order(
    channel: Channel,
    method: ShippingMethod,
    lines: list[tuple[ProductVariant, int]],
    *,
    county_code: str = "110105",
    user: User | None = None,
) -> Order:
    checkout = ready_checkout(channel, lines, method=method, county_code=county_code, user=user)
    order = complete_checkout(checkout, actor=user, gateway="offline.bank_transfer")
    confirm_offline_payment(order, actor=None)
    order.refresh_from_db()
    return order


# --- Reading QR codes back -----------------------------------------------------------------

_SCALE = re.compile(r'transform="scale\((\d+)\)"')
_DARK_PATH = re.compile(r'<path[^>]*?stroke="[^"]+"[^>]*?d="([^"]+)"')
_SIZE = re.compile(r'<svg[^>]*?width="(\d+)" height="(\d+)"')
_COMMAND = re.compile(r"([MmHhVv])\s*(-?[\d.]+)(?:\s+(-?[\d.]+))?")


def svg_to_image(svg: str) -> Image.Image:
    """Draw segno's inline SVG (one stroked path of horizontal runs, 1 module thick) on white."""
    size, scale_found, path = _SIZE.search(svg), _SCALE.search(svg), _DARK_PATH.search(svg)
    assert size is not None, "not a segno QR code"
    assert scale_found is not None, "not a segno QR code"
    assert path is not None, "not a segno QR code"
    scale, width, height = int(scale_found.group(1)), int(size.group(1)), int(size.group(2))
    unit = 4  # pixels per module
    image = Image.new("L", (width // scale * unit, height // scale * unit), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, first, second in _COMMAND.findall(path.group(1)):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        elif command == "h":
            end = x + float(first)
            top = (y - 0.5) * unit
            draw.rectangle([x * unit, top, end * unit - 1, top + unit - 1], fill=0)
            x = end
    return image


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def decode_svgs(html: str) -> list[str]:
    texts: list[str] = []
    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.S):
        texts += decode(svg_to_image(svg))
    return texts


def decode_png(data: bytes) -> list[str]:
    return decode(Image.open(BytesIO(data)))


def decode_pdf(data: bytes) -> list[str]:
    from pypdf import PdfReader

    texts: list[str] = []
    for page in PdfReader(BytesIO(data)).pages:
        for image in page.images:
            texts += decode(image.image)
    return texts


def html_of(response: Any) -> str:
    return response.content.decode()
