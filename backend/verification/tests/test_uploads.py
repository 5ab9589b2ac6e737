"""Evidence upload checks: each refusal has its own stable code."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from backend.verification.tests.conftest import (
    PDF_BYTES,
    image_bytes,
    pdf_upload,
    png_upload,
)
from backend.verification.uploads import (
    EvidenceErrorCode,
    EvidenceValidationError,
    validate_evidence_upload,
)


def _code(upload: SimpleUploadedFile) -> str:
    with pytest.raises(EvidenceValidationError) as error:
        validate_evidence_upload(upload)
    return error.value.code  # type: ignore[return-value]


def test_validate_evidence_photo_is_accepted_with_its_real_type():
    # given
    upload = SimpleUploadedFile("证件.JPG", image_bytes("JPEG"), content_type="image/jpeg")
    # when
    checked = validate_evidence_upload(upload)
    # then
    assert (checked.extension, checked.content_type) == ("jpg", "image/jpeg")
    assert len(checked.sha256) == 64


def test_validate_evidence_pdf_is_accepted():
    # given / when
    checked = validate_evidence_upload(pdf_upload())
    # then
    assert (checked.extension, checked.content_type, checked.size) == (
        "pdf",
        "application/pdf",
        len(PDF_BYTES),
    )


def test_validate_evidence_empty_file_is_refused():
    assert _code(SimpleUploadedFile("a.png", b"", content_type="image/png")) == "empty_file"


@override_settings(VERIFICATION_EVIDENCE_MAX_BYTES=64)
def test_validate_evidence_too_large_is_refused_before_reading():
    assert _code(png_upload()) == EvidenceErrorCode.FILE_TOO_LARGE


@pytest.mark.parametrize("name", ["certificate.exe", "certificate.gif", "certificate"])
def test_validate_evidence_extension_outside_allow_list_is_refused(name):
    upload = SimpleUploadedFile(name, image_bytes("GIF"), content_type="image/gif")
    assert _code(upload) == EvidenceErrorCode.INVALID_EXTENSION


def test_validate_evidence_text_renamed_pdf_is_invalid_pdf():
    upload = SimpleUploadedFile("licence.pdf", b"hello, I am text", content_type="application/pdf")
    assert _code(upload) == EvidenceErrorCode.INVALID_PDF


def test_validate_evidence_photo_renamed_pdf_is_format_mismatch():
    upload = SimpleUploadedFile("licence.pdf", image_bytes("PNG"), content_type="application/pdf")
    assert _code(upload) == EvidenceErrorCode.FORMAT_MISMATCH


def test_validate_evidence_pdf_declared_as_picture_is_format_mismatch():
    upload = SimpleUploadedFile("licence.pdf", PDF_BYTES, content_type="image/png")
    assert _code(upload) == EvidenceErrorCode.FORMAT_MISMATCH


def test_validate_evidence_truncated_pdf_is_invalid_pdf():
    upload = pdf_upload(data=PDF_BYTES.replace(b"%%EOF", b""))
    assert _code(upload) == EvidenceErrorCode.INVALID_PDF


def test_validate_evidence_pdf_renamed_png_is_invalid_image():
    upload = SimpleUploadedFile("certificate.png", PDF_BYTES, content_type="image/png")
    assert _code(upload) == EvidenceErrorCode.INVALID_IMAGE


def test_validate_evidence_jpeg_named_png_is_format_mismatch():
    upload = SimpleUploadedFile("certificate.png", image_bytes("JPEG"), content_type="image/png")
    assert _code(upload) == EvidenceErrorCode.FORMAT_MISMATCH


@override_settings(IMAGE_MAX_PIXELS=100)
def test_validate_evidence_huge_picture_is_too_many_pixels():
    assert _code(png_upload()) == EvidenceErrorCode.TOO_MANY_PIXELS


def test_evidence_validation_error_is_a_form_ready_validation_error():
    # given
    upload = SimpleUploadedFile("a.png", b"", content_type="image/png")
    # when
    with pytest.raises(EvidenceValidationError) as error:
        validate_evidence_upload(upload)
    # then
    assert error.value.error_code is EvidenceErrorCode.EMPTY_FILE
    assert error.value.messages  # a message for people, alongside the code
