"""Certificate files: outside the public media folder, random names, no URL of their own."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.files.storage import FileSystemStorage

from backend.traceability.conf import certificate_root


class CertificateStorage(FileSystemStorage):
    """Root follows the setting (tests point it elsewhere); `url()` refuses: files are served
    only by the batch page's certificate view, which checks the batch is public."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("location", None)
        kwargs.pop("base_url", None)
        super().__init__(**kwargs)

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(certificate_root())

    @property  # type: ignore[override]
    def location(self) -> str:
        return str(certificate_root())

    @property  # type: ignore[override]
    def base_url(self) -> str:
        return ""

    def url(self, name: str | None) -> str:
        raise ValueError("certificates are served by the batch page's certificate view")


_storage = CertificateStorage()


def certificate_storage() -> CertificateStorage:
    return _storage


def random_certificate_name(extension: str) -> str:
    token = secrets.token_hex(16)
    return f"{token[:2]}/{token}.{extension}"
