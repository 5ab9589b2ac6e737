"""Verified producers for tag tests, built through the verification services (apply, upload the
document, submit, an operator of the county approves), never by writing an approval row."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from backend.accounts.models import User
from backend.accounts.tests.factories import UserFactory
from backend.producers.models import Producer
from backend.sellers.tests.factories import OperatorScopeFactory
from backend.verification.applications import add_evidence, start_application, submit_application
from backend.verification.eligibility import required_evidence
from backend.verification.models import VerificationApplication, VerificationKind
from backend.verification.review import approve_application, revoke_verification


@pytest.fixture
def evidence_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Verification documents uploaded by tag tests go to a private folder per test (import
    this fixture into the conftest of any test package that verifies producers)."""
    root = tmp_path / "private-evidence"
    settings.VERIFICATION_EVIDENCE_ROOT = root
    return root


def _photo() -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (30, 90, 160)).save(buffer, "PNG")
    return SimpleUploadedFile("证明.png", buffer.getvalue(), content_type="image/png")


def county_operator(producer: Producer) -> User:
    """An operator whose region is the producer's county."""
    scope = OperatorScopeFactory.create(region=producer.region)
    user: User = scope.user
    return user


def apply(
    producer: Producer, kind: VerificationKind = VerificationKind.DISABLED
) -> VerificationApplication:
    """Apply as the shop's owner (made if missing), with the document the kind needs, and
    submit: the application waits for an operator."""
    owner = producer.owner
    if owner is None:
        owner = UserFactory.create()
        producer.owner = owner
        producer.save(update_fields=["owner"])
    application = start_application(producer, kind=kind, actor=owner)
    add_evidence(application.pk, _photo(), evidence_kind=required_evidence(kind), actor=owner)
    return submit_application(application.pk, actor=owner)


def verify(
    producer: Producer,
    kind: VerificationKind = VerificationKind.DISABLED,
    *,
    operator: User | None = None,
    now: datetime | None = None,
    valid_days: int | None = None,
) -> VerificationApplication:
    """Apply as the shop's owner and approve as an operator of its county."""
    application = apply(producer, kind)
    return approve_application(
        application.pk,
        actor=operator or county_operator(producer),
        now=now,
        valid_days=valid_days,
    )


def revoke(application: VerificationApplication, *, operator: User | None = None) -> None:
    revoke_verification(
        application.pk,
        actor=operator or county_operator(application.seller),
        reason="证件已过期，复核未通过",
    )


def let_lapse(application: VerificationApplication) -> None:
    """Move the approval's validity period into the past, as if its year had gone by (time
    cannot be frozen here: neither freezegun nor time-machine is installed)."""
    ended = timezone.now() - timedelta(seconds=1)
    VerificationApplication.objects.filter(pk=application.pk).update(
        valid_from=ended - timedelta(days=365), valid_until=ended
    )
