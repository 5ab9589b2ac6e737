"""Reading a course certificate or a subsidy receipt: only operators of the record's region,
each read written to the audit log (these files are personal information). For anyone else,
and for a missing file, the document does not exist."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.db import transaction

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.programme.errors import not_found
from backend.programme.events import programme_event
from backend.programme.models import Enrolment, SubsidyClaim
from backend.programme.scoping import records_for
from backend.verification.storage import evidence_storage


@dataclass
class OpenedDocument:
    file: IO[bytes]
    content_type: str
    download_name: str


def _open(name: str) -> IO[bytes]:
    if not name:
        raise not_found()
    try:
        return evidence_storage().open(name, "rb")
    except OSError:
        raise not_found() from None


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1] if "." in name else "bin"


def open_certificate(enrolment_id: int, *, actor: User) -> OpenedDocument:
    enrolment = records_for(actor, Enrolment).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise not_found("enrolment")
    handle = _open(enrolment.certificate.name or "")
    try:
        with transaction.atomic(durable=True):
            programme_event(AuditEventType.COURSE_CERTIFICATE_VIEWED, enrolment, actor=actor)
    except BaseException:
        handle.close()
        raise
    return OpenedDocument(
        file=handle,
        content_type=enrolment.certificate_content_type or "application/octet-stream",
        download_name=f"certificate-{enrolment.pk}.{_extension(enrolment.certificate.name)}",
    )


def open_claim_receipt(claim_id: int, *, actor: User) -> OpenedDocument:
    claim = records_for(actor, SubsidyClaim).filter(pk=claim_id).first()
    if claim is None:
        raise not_found("claim")
    handle = _open(claim.evidence.name or "")
    try:
        with transaction.atomic(durable=True):
            programme_event(AuditEventType.SUBSIDY_RECEIPT_VIEWED, claim, actor=actor)
    except BaseException:
        handle.close()
        raise
    return OpenedDocument(
        file=handle,
        content_type=claim.evidence_content_type or "application/octet-stream",
        download_name=f"receipt-{claim.pk}.{_extension(claim.evidence.name)}",
    )
