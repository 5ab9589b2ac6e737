"""Private storage for verification evidence: outside the public media path, no URL.

Files are written under `VERIFICATION_EVIDENCE_ROOT` (default `DATA_DIR/private/evidence`),
which no static or media route serves. Names are random (`ab/<32 hex>.<ext>`), never derived
from the uploader's file name. `url()` refuses: evidence is served only by the permission-
checking view in `backend.verification.views`.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.files.storage import FileSystemStorage

from backend.verification.conf import evidence_root


class PrivateEvidenceStorage(FileSystemStorage):
    """A FileSystemStorage whose root follows the setting (so tests can point it elsewhere)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("location", None)
        kwargs.pop("base_url", None)
        super().__init__(**kwargs)

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(evidence_root())

    @property  # type: ignore[override]
    def location(self) -> str:
        return str(evidence_root())

    @property  # type: ignore[override]
    def base_url(self) -> str:
        return ""

    def url(self, name: str | None) -> str:
        raise ValueError("evidence files have no public URL; use the evidence view")


_storage = PrivateEvidenceStorage()


def evidence_storage() -> PrivateEvidenceStorage:
    """The storage callable named in the model field (keeps migrations free of paths)."""
    return _storage


def random_evidence_name(extension: str) -> str:
    token = secrets.token_hex(16)
    return f"{token[:2]}/{token}.{extension}"
