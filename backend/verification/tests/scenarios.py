"""Applications at each step of the workflow, built through the services."""

from __future__ import annotations

from datetime import datetime

from backend.sellers.tests.scenarios import People
from backend.verification.applications import add_evidence, start_application, submit_application
from backend.verification.models import EvidenceKind, VerificationApplication, VerificationKind
from backend.verification.review import approve_application
from backend.verification.tests.conftest import png_upload


def submitted_application(
    people: People, *, role: str = "owner", kind: VerificationKind = VerificationKind.DISABLED
) -> VerificationApplication:
    actor = people.user(role)
    application = start_application(people.shop, kind=kind, actor=actor, statement="持证肢体二级")
    add_evidence(
        application.pk,
        png_upload(),
        evidence_kind=EvidenceKind.DISABILITY_CERTIFICATE,
        actor=actor,
    )
    return submit_application(application.pk, actor=actor)


def approved_application(
    people: People, *, now: datetime | None = None, valid_days: int | None = None
) -> VerificationApplication:
    application = submitted_application(people)
    return approve_application(
        application.pk, actor=people.user("county_operator"), now=now, valid_days=valid_days
    )
