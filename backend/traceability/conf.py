"""Traceability settings, each with a default.

- TRACE_CERTIFICATE_ROOT: where batch certificates live, outside MEDIA_ROOT
  (default DATA_DIR / "private" / "certificates"); they are served by the batch page's view.
- TRACE_PUBLIC_BASE_URL: the address printed in QR codes, e.g. "https://sunshine.example"
  (default: the address of the request that draws the code).
- TRACE_LABELS_PER_BATCH: labels of one batch on a label sheet (default 12, 3 × 4 on A4).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def certificate_root() -> Path:
    default = Path(settings.DATA_DIR) / "private" / "certificates"
    return Path(getattr(settings, "TRACE_CERTIFICATE_ROOT", default)).resolve()


def public_base_url() -> str:
    return str(getattr(settings, "TRACE_PUBLIC_BASE_URL", "")).rstrip("/")


def labels_per_batch() -> int:
    return int(getattr(settings, "TRACE_LABELS_PER_BATCH", 12))
