"""Pictures drawn at load time with Pillow: a product card and a round shop logo.

A card is a soft two-colour background, a white panel with the product name in a CJK font, and
a line naming the origin. The colours come from the category, so a listing page looks varied.
Cards are small (600 px, JPEG) so that drawing the whole demo takes well under a second.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TypeAlias

from PIL import Image, ImageDraw, ImageFont

CJK_FONT_PATHS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)
CARD_SIZE = 600
LOGO_SIZE = 240

Font: TypeAlias = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class Palette:
    name: str  # the colour in words, for alt text
    top: tuple[int, int, int]
    bottom: tuple[int, int, int]
    ink: tuple[int, int, int]


PALETTES: dict[str, Palette] = {
    "herbs": Palette("浅绿色", (214, 234, 200), (150, 196, 140), (40, 80, 40)),
    "nuts": Palette("浅棕色", (240, 222, 196), (196, 156, 112), (90, 56, 24)),
    "edible-oils": Palette("金黄色", (252, 238, 180), (226, 190, 90), (110, 78, 10)),
    "grains": Palette("米黄色", (250, 240, 210), (222, 200, 140), (100, 80, 30)),
    "fruit": Palette("浅红色", (252, 214, 206), (228, 128, 112), (120, 30, 24)),
    "meat": Palette("赭红色", (240, 206, 190), (184, 110, 86), (96, 36, 20)),
    "drinks": Palette("紫红色", (236, 206, 222), (170, 96, 130), (88, 24, 60)),
    "tea": Palette("青绿色", (206, 236, 222), (102, 170, 140), (20, 76, 56)),
    "crafts": Palette("靛蓝色", (210, 220, 240), (110, 130, 190), (30, 40, 100)),
}
DEFAULT_PALETTE = Palette("浅灰色", (236, 236, 236), (190, 190, 190), (50, 50, 50))


@cache
def cjk_font(size: int) -> Font:
    """A CJK-capable TrueType font, or Pillow's bundled default when none is installed."""
    for path in CJK_FONT_PATHS:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


@cache
def _gradient(size: int, top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    """A vertical two-colour gradient (cached: callers draw on a copy)."""
    column = Image.new("RGB", (1, 256))
    for y in range(256):
        t = y / 255
        column.putpixel(
            (0, y), (tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
        )
    return column.resize((size, size), Image.Resampling.BILINEAR)


def _text_width(draw: ImageDraw.ImageDraw, text: str, font: Font) -> float:
    return draw.textlength(text, font=font)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int) -> list[str]:
    """Break Chinese text into lines no wider than `width` (character by character)."""
    lines: list[str] = []
    line = ""
    for char in text:
        if line and _text_width(draw, line + char, font) > width:
            lines.append(line)
            line = char
        else:
            line += char
    if line:
        lines.append(line)
    return lines


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = BytesIO()
    if fmt == "JPEG":
        image.save(buffer, fmt, quality=90)
    else:
        image.save(buffer, fmt)
    return buffer.getvalue()


def palette_for(category_slug: str | None) -> Palette:
    return PALETTES.get(category_slug or "", DEFAULT_PALETTE)


def draw_product_card(title: str, subtitle: str, palette: Palette) -> bytes:
    """A square JPEG card with the product name and an origin line."""
    size = CARD_SIZE
    image = _gradient(size, palette.top, palette.bottom).copy()
    draw = ImageDraw.Draw(image)
    # A few soft circles as decoration, placed by a checksum of the title (stable per product).
    seed = zlib.crc32(title.encode("utf-8"))
    for i in range(3):
        radius = 60 + (seed >> (i * 5)) % 90
        cx = (seed >> (i * 7)) % size
        cy = (seed >> (i * 3 + 11)) % size
        tint = tuple(min(255, c + 18) for c in palette.top)
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=tint)
    margin = 60
    draw.rounded_rectangle(
        (margin, size * 0.28, size - margin, size * 0.72), radius=28, fill=(255, 255, 255)
    )
    title_font = cjk_font(56 if len(title) <= 7 else 44)
    lines = _wrap(draw, title, title_font, size - 2 * margin - 40)[:2]
    line_height = title_font.size + 12 if isinstance(title_font, ImageFont.FreeTypeFont) else 24
    y = size / 2 - (len(lines) * line_height) / 2 - 20
    for line in lines:
        draw.text((size / 2, y), line, font=title_font, fill=palette.ink, anchor="ma")
        y += line_height
    sub_font = cjk_font(26)
    draw.text((size / 2, size * 0.72 - 60), subtitle, font=sub_font, fill=palette.ink, anchor="ma")
    return _encode(image, "JPEG")


def draw_logo(shop_name: str, palette: Palette) -> bytes:
    """A round PNG logo with the first character of the shop's name."""
    size = LOGO_SIZE
    image = Image.new("RGB", (size, size), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=palette.bottom)
    draw.ellipse((22, 22, size - 22, size - 22), fill=palette.top)
    font = cjk_font(120)
    draw.text((size / 2, size / 2), shop_name[:1], font=font, fill=palette.ink, anchor="mm")
    return _encode(image, "PNG")


def card_alt(title: str, subtitle: str, palette: Palette) -> str:
    """Alt text saying what the drawn card shows."""
    return f"{palette.name}商品卡片，写着“{title}”和“{subtitle}”"


def logo_alt(shop_name: str, palette: Palette) -> str:
    return f"{shop_name}的店标：{palette.name}圆形，中间是“{shop_name[:1]}”字"


SAMPLE_MARK = "样本 SAMPLE"
CERTIFICATE_SIZE = (900, 600)


def draw_sample_certificate(title: str, lines: tuple[str, ...]) -> bytes:
    """A JPEG of an invented certificate (the title, then `lines`), stamped 样本 / SAMPLE
    across the middle and in a corner, so it can never pass for a real document."""
    width, height = CERTIFICATE_SIZE
    image = Image.new("RGB", (width, height), (250, 244, 228))
    draw = ImageDraw.Draw(image)
    draw.rectangle((16, 16, width - 16, height - 16), outline=(150, 40, 30), width=6)
    draw.text((width / 2, 50), title, font=cjk_font(48), fill=(150, 40, 30), anchor="ma")
    body = cjk_font(30)
    for row, line in enumerate(lines):
        draw.text((70, 150 + row * 52), line, font=body, fill=(40, 40, 40))
    corner = (width - 40, height - 40)
    draw.text(corner, SAMPLE_MARK, font=cjk_font(28), fill=(200, 0, 0), anchor="rd")
    stamp = Image.new("RGBA", (width, 200), (0, 0, 0, 0))
    ImageDraw.Draw(stamp).text(
        (width / 2, 100), SAMPLE_MARK, font=cjk_font(120), fill=(220, 0, 0, 110), anchor="mm"
    )
    stamp = stamp.rotate(20, expand=True)
    image.paste(stamp, ((width - stamp.width) // 2, (height - stamp.height) // 2), stamp)
    return _encode(image, "JPEG")
