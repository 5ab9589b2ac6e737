"""Recording batches, certificates (checks, metadata stripped, private storage) and taking a
batch page offline."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from backend.audit.models import AuditEvent, AuditEventType
from backend.checkout.tests.scenarios import listed_variant
from backend.regions.models import Region
from backend.traceability.batches import BatchInput, record_batch, withdraw_batch
from backend.traceability.certificates import add_batch_certificate
from backend.traceability.codes import ALPHABET, CODE_LENGTH
from backend.traceability.errors import TraceabilityError, TraceabilityErrorCode
from backend.traceability.models import BatchCertificate
from backend.traceability.tests.scenarios import PDF_BYTES, new_batch, village
from backend.verification.uploads import EvidenceErrorCode, EvidenceValidationError

pytestmark = pytest.mark.django_db


def _photo_with_gps() -> bytes:
    image = Image.new("RGB", (60, 40), (200, 180, 20))
    exif = Image.Exif()
    exif[0x010F] = "SecretPhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (35.0, 8.0, 0.0)}  # GPS: latitude
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_record_batch_makes_a_short_random_code_and_an_audit_row(people, variant) -> None:
    # given
    origin = village()
    helper = people.user("helper_products")
    # when
    batch = record_batch(
        people.shop,
        BatchInput(
            variant_id=variant.pk, made_on=date(2026, 9, 1), origin_id=origin.pk, quantity=80
        ),
        actor=helper,
    )
    # then
    assert len(batch.code) == CODE_LENGTH
    assert set(batch.code) <= set(ALPHABET)
    assert batch.quantity_left == 80
    event = AuditEvent.objects.get(event_type=AuditEventType.BATCH_RECORDED)
    assert event.actor == helper
    assert event.on_behalf_of == people.user("owner")
    assert event.subject_id == str(batch.pk)
    assert event.extra_data["new"]["quantity"] == 80


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"quantity": 0}, TraceabilityErrorCode.INVALID, "quantity"),
        ({"made_on": "tomorrow"}, TraceabilityErrorCode.INVALID_DATE, "made_on"),
        ({"origin": "county"}, TraceabilityErrorCode.INVALID_ORIGIN, "origin"),
        ({"variant": "other_shop"}, TraceabilityErrorCode.NOT_FOUND, "variant"),
    ],
)
def test_record_batch_refuses_bad_input(channel, people, variant, change, code, field) -> None:
    # given
    values = {
        "variant_id": variant.pk,
        "made_on": date(2026, 9, 1),
        "origin_id": village().pk,
        "quantity": 5,
    }
    if "quantity" in change:
        values["quantity"] = change["quantity"]
    if "made_on" in change:
        values["made_on"] = timezone.localdate() + timedelta(days=1)
    if "origin" in change:
        values["origin_id"] = Region.objects.get(code="621123").pk
    if "variant" in change:
        values["variant_id"] = listed_variant(channel, producer=people.other_shop).pk
    # when
    with pytest.raises(TraceabilityError) as error:
        record_batch(people.shop, BatchInput(**values), actor=people.user("owner"))  # type: ignore[arg-type]
    # then
    assert (error.value.code, error.value.field) == (code, field)
    assert not AuditEvent.objects.filter(event_type=AuditEventType.BATCH_RECORDED).exists()


def test_add_batch_certificate_pdf_is_stored_privately_and_served_while_public(
    client: Client, people, variant, certificate_root: Path
) -> None:
    # given
    batch = new_batch(people.shop, variant)
    # when
    certificate = add_batch_certificate(
        batch,
        upload=SimpleUploadedFile("报告.pdf", PDF_BYTES, content_type="application/pdf"),
        kind="test_report",
        no_personal_data_confirmed=True,
        actor=people.user("owner"),
    )
    # then: outside MEDIA_ROOT, under a random name, with an audit row
    stored = certificate_root / certificate.file.name
    assert stored.read_bytes() == PDF_BYTES
    assert Path(settings.MEDIA_ROOT).resolve() not in stored.resolve().parents
    assert "报告" not in certificate.file.name
    assert AuditEvent.objects.filter(event_type=AuditEventType.BATCH_CERTIFICATE_ADDED).exists()
    url = reverse("storefront:batch_certificate", args=[batch.code, certificate.public_id])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    # and once the batch is offline, the file is gone for everyone
    withdraw_batch(people.shop, batch.pk, actor=people.user("owner"))
    assert client.get(url).status_code == 404


def test_add_batch_certificate_photo_loses_its_exif_and_gps(people, variant) -> None:
    # given a phone photo with a maker and GPS position
    batch = new_batch(people.shop, variant)
    upload = SimpleUploadedFile("hgz.jpg", _photo_with_gps(), content_type="image/jpeg")
    # when
    certificate = add_batch_certificate(
        batch, upload=upload, kind="compliance", no_personal_data_confirmed=True, actor=None
    )
    # then
    with certificate.file.open("rb") as handle:
        data = handle.read()
    assert b"SecretPhoneMaker" not in data
    assert not Image.open(BytesIO(data)).getexif()
    assert certificate.content_type == "image/jpeg"


def test_add_batch_certificate_photo_renamed_pdf_is_a_format_mismatch(people, variant) -> None:
    batch = new_batch(people.shop, variant)
    upload = SimpleUploadedFile("fake.pdf", _photo_with_gps(), content_type="application/pdf")
    with pytest.raises(EvidenceValidationError) as error:
        add_batch_certificate(
            batch, upload=upload, kind="compliance", no_personal_data_confirmed=True, actor=None
        )
    assert error.value.error_code == EvidenceErrorCode.FORMAT_MISMATCH
    assert not BatchCertificate.objects.exists()


def test_add_batch_certificate_without_personal_data_confirmation_is_refused(
    people, variant
) -> None:
    batch = new_batch(people.shop, variant)
    upload = SimpleUploadedFile("a.pdf", PDF_BYTES, content_type="application/pdf")
    with pytest.raises(TraceabilityError) as error:
        add_batch_certificate(
            batch, upload=upload, kind="compliance", no_personal_data_confirmed=False, actor=None
        )
    assert (error.value.code, error.value.field) == (
        TraceabilityErrorCode.REQUIRED,
        "no_personal_data",
    )
    assert not BatchCertificate.objects.exists()


def test_withdraw_batch_of_another_seller_is_not_found(channel, people, variant) -> None:
    batch = new_batch(people.shop, variant)
    with pytest.raises(TraceabilityError) as error:
        withdraw_batch(people.other_shop, batch.pk, actor=people.user("other_seller"))
    assert error.value.code == TraceabilityErrorCode.NOT_FOUND
    batch.refresh_from_db()
    assert batch.is_public
