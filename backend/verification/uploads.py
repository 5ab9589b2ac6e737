"""Checks on an evidence upload (a photo of a certificate, or a PDF scan).

In order, each with a stable code (`EvidenceErrorCode`):
1. empty file, then byte size before anything is read (`VERIFICATION_EVIDENCE_MAX_BYTES`);
2. extension against the allow-list (`VERIFICATION_EVIDENCE_EXTENSIONS`);
3. photos: every check of `backend.images.validation` (real format, declared MIME type, pixel
   count including frames, decompression bombs, a full decode), codes passed through;
4. PDFs: the real type sniffed from the bytes with `filetype` must be PDF (a photo renamed
   `.pdf` is `format_mismatch`, anything unknown `invalid_pdf`), the declared MIME type must
   agree, and the file must end with a PDF trailer (a truncated upload is `invalid_pdf`).
"""

from __future__ import annotations

import enum
import hashlib
import os
from dataclasses import dataclass
from typing import Any

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from backend.images.validation import (
    FORMAT_MIME_TYPES,
    ImageValidationError,
    UploadLike,
    extension_of,
    validate_image_upload,
)
from backend.verification.conf import evidence_extensions, evidence_max_bytes


class EvidenceErrorCode(enum.StrEnum):
    EMPTY_FILE = "empty_file"
    FILE_TOO_LARGE = "file_too_large"
    INVALID_EXTENSION = "invalid_extension"
    INVALID_IMAGE = "invalid_image"
    FORMAT_MISMATCH = "format_mismatch"
    TOO_MANY_PIXELS = "too_many_pixels"
    INVALID_PDF = "invalid_pdf"


class EvidenceValidationError(ValidationError):
    """A refused evidence file; `code` is always an `EvidenceErrorCode` value."""

    def __init__(
        self, message: Any, code: EvidenceErrorCode, params: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message, code=code.value, params=params)
        self.error_code = code


@dataclass(frozen=True)
class ValidatedEvidence:
    extension: str  # normalised: jpg, png, webp or pdf
    content_type: str
    size: int
    sha256: str


_PDF_MIME = "application/pdf"
_UNDECLARED = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_IMAGE_EXTENSION = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
_TRAILER_WINDOW = 2048
SUPPORTED_TEXT = "JPEG, PNG, WebP, PDF"


def _size(upload: UploadLike) -> int:
    size = getattr(upload, "size", None)
    if isinstance(size, int):
        return size
    end = upload.seek(0, os.SEEK_END)
    upload.seek(0)
    return end


def _digest(upload: UploadLike) -> str:
    upload.seek(0)
    digest = hashlib.sha256()
    while chunk := upload.read(64 * 1024):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _check_size(size: int) -> None:
    if size == 0:
        raise EvidenceValidationError(
            _("The file is empty. Choose the photo or scan again."), EvidenceErrorCode.EMPTY_FILE
        )
    limit = evidence_max_bytes()
    if size > limit:
        raise EvidenceValidationError(
            _(
                "This file is %(size)s; the largest we accept is %(limit)s. "
                "Take the photo at a lower resolution or scan at fewer dots per inch."
            ),
            EvidenceErrorCode.FILE_TOO_LARGE,
            {"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )


def _check_extension(name: str | None) -> str:
    extension = extension_of(name)
    if extension not in evidence_extensions():
        raise EvidenceValidationError(
            _("Files ending in “.%(extension)s” are not accepted. Upload a %(formats)s file.")
            if extension
            else _("The file name has no extension. Upload a %(formats)s file."),
            EvidenceErrorCode.INVALID_EXTENSION,
            {"extension": extension, "formats": SUPPORTED_TEXT},
        )
    return extension


def _invalid_pdf() -> EvidenceValidationError:
    return EvidenceValidationError(
        _("This file is not a PDF we can read, or it is damaged. Scan or save it again."),
        EvidenceErrorCode.INVALID_PDF,
    )


def _check_pdf(upload: UploadLike, size: int, content_type: str | None) -> None:
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    if kind is None:
        raise _invalid_pdf()
    if kind.mime != _PDF_MIME:
        raise EvidenceValidationError(
            _(
                "This file is really a %(actual)s file, but its name ends in “.pdf”. "
                "Rename it or save it again as a PDF."
            ),
            EvidenceErrorCode.FORMAT_MISMATCH,
            {"actual": kind.extension.upper()},
        )
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared not in _UNDECLARED and declared != _PDF_MIME:
        raise EvidenceValidationError(
            _("This file says it is “%(declared)s”, but it is a PDF. Save it again as a PDF."),
            EvidenceErrorCode.FORMAT_MISMATCH,
            {"declared": declared},
        )
    upload.seek(max(size - _TRAILER_WINDOW, 0))
    if b"%%EOF" not in upload.read(_TRAILER_WINDOW):
        raise _invalid_pdf()
    upload.seek(0)


def validate_evidence_upload(
    upload: UploadLike, *, content_type: str | None = None
) -> ValidatedEvidence:
    """Run every check; return what to store, or raise `EvidenceValidationError`."""
    if content_type is None:
        content_type = getattr(upload, "content_type", None)
    size = _size(upload)
    _check_size(size)
    extension = _check_extension(upload.name)
    sha256 = _digest(upload)
    if extension == "pdf":
        _check_pdf(upload, size, content_type)
        stored_extension, stored_type = "pdf", _PDF_MIME
    else:
        try:
            image = validate_image_upload(upload, content_type=content_type)
        except ImageValidationError as exc:
            raise EvidenceValidationError(
                exc.message, EvidenceErrorCode(exc.error_code.value), exc.params
            ) from None
        stored_extension = _IMAGE_EXTENSION[image.format]
        stored_type = FORMAT_MIME_TYPES[image.format][0]
    upload.seek(0)
    return ValidatedEvidence(
        extension=stored_extension, content_type=stored_type, size=size, sha256=sha256
    )
