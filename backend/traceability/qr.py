"""QR codes of batch pages, drawn on the server (segno): inline SVG for pages and packing
slips, PNG for the label sheet PDF.

The code holds the batch page's address in the default language (no /en/ prefix), absolute:
`TRACE_PUBLIC_BASE_URL` when set, else the address of the request that draws it.
"""

from __future__ import annotations

from io import BytesIO

import segno
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from backend.traceability.conf import public_base_url


def batch_path(code: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("storefront:batch", args=[code])


def absolute_url(path: str, *, request: HttpRequest | None = None) -> str:
    """`TRACE_PUBLIC_BASE_URL` + path when set, else the request's own address."""
    base = public_base_url()
    if base:
        return base + path
    if request is None:
        raise ValueError("set TRACE_PUBLIC_BASE_URL or pass the request")
    return request.build_absolute_uri(path)


def batch_url(code: str, *, request: HttpRequest | None = None) -> str:
    return absolute_url(batch_path(code), request=request)


def _qr(url: str) -> segno.QRCode:
    # Error level M survives a scuffed label; the address stays short enough for version ≤ 5.
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, *, title: str, scale: int = 3) -> str:
    """An inline <svg> with a <title> (its text alternative), dark on white."""
    return str(_qr(url).svg_inline(scale=scale, title=title, dark="#000", light="#fff"))


def qr_png(url: str, *, scale: int = 8) -> bytes:
    buffer = BytesIO()
    _qr(url).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
