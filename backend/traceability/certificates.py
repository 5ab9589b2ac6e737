"""Certificates (合格证) and test reports of a batch, shown on its public page.

Decision (public page, private storage): the files are meant for the public, but a 合格证 is
often filled in by hand with the grower's name and telephone number, and a phone photo carries
GPS coordinates in its EXIF. So:

- the upload passes the same checks as verification evidence (`validate_evidence_upload`:
  size, extension, real type sniffed from the bytes, declared MIME type, PDF trailer, pixel
  count) — never trusted by its name;
- photos are re-encoded by the image pipeline (`normalise_image`): upright JPEG without EXIF,
  GPS or any other metadata;
- the uploader must confirm that the document shows no identity number, mobile number or home
  address (covered or cut off) — a person must look, no program can read handwriting reliably;
- files are stored outside MEDIA_ROOT under random names (`CertificateStorage`) and served
  only by the batch page's view while the batch is public, so taking a batch offline takes
  its certificates offline at once (no public URL lingers in caches or printed links).
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image

from backend.accounts.models import User
from backend.images.processing import normalise_image
from backend.images.validation import UploadLike, open_image_guarded
from backend.traceability.errors import TraceabilityError, TraceabilityErrorCode
from backend.traceability.events import certificate_added_event
from backend.traceability.models import Batch, BatchCertificate, CertificateKind
from backend.traceability.storage import certificate_storage, random_certificate_name
from backend.verification.uploads import validate_evidence_upload


def _stored_content(upload: UploadLike, extension: str) -> tuple[bytes, str, str]:
    """(bytes, extension, content type) to store: PDFs as sent, photos re-encoded bare."""
    upload.seek(0)
    if extension == "pdf":
        return upload.read(), "pdf", "application/pdf"
    image: Image.Image = open_image_guarded(upload)  # type: ignore[arg-type]
    image.load()
    normalised = normalise_image(image)
    return normalised.content, normalised.extension, "image/jpeg"


def add_batch_certificate(
    batch: Batch,
    *,
    upload: UploadLike,
    kind: str,
    issued_by: str = "",
    no_personal_data_confirmed: bool,
    actor: User | None,
) -> BatchCertificate:
    """Check, clean and store one certificate. Raises `EvidenceValidationError` (codes of
    `EvidenceErrorCode`) for a refused file, `TraceabilityError` otherwise."""
    if kind not in CertificateKind.values:
        raise TraceabilityError(
            TraceabilityErrorCode.INVALID, _("Choose which document it is."), field="kind"
        )
    if not no_personal_data_confirmed:
        raise TraceabilityError(
            TraceabilityErrorCode.REQUIRED,
            _(
                "Confirm that the document shows no identity number, mobile number or home "
                "address. Cover them before you take the photo."
            ),
            field="no_personal_data",
        )
    validated = validate_evidence_upload(upload)
    content, extension, content_type = _stored_content(upload, validated.extension)
    storage = certificate_storage()
    name = storage.save(random_certificate_name(extension), ContentFile(content))
    try:
        with transaction.atomic(durable=True):
            certificate = BatchCertificate.objects.create(
                batch=batch,
                kind=kind,
                file=name,
                extension=extension,
                content_type=content_type,
                size=len(content),
                sha256=validated.sha256,
                issued_by=issued_by.strip()[:100],
                uploaded_by=actor,
            )
            certificate_added_event(certificate, actor=actor)
    except BaseException:
        storage.delete(name)
        raise
    return certificate
