"""Reading evidence: only through `open_evidence`, which checks permission and logs the read.

Owners, helpers with scope "all", and operators of the shop's region may see a file
(`SellerAction.VIEW_EVIDENCE`); for everyone else the file does not exist. Each read is written
to the audit log (evidence is sensitive personal information).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO
from uuid import UUID

from django.db import transaction
from django.db.models import QuerySet

from backend.accounts.models import User
from backend.verification.errors import not_found
from backend.verification.events import evidence_viewed_event
from backend.verification.models import VerificationApplication, VerificationEvidence
from backend.verification.permissions import VIEW_EVIDENCE, evidence_policy


@dataclass
class OpenedEvidence:
    evidence: VerificationEvidence
    file: IO[bytes]

    @property
    def download_name(self) -> str:
        """A neutral name: never the uploader's own file name (it may hold a person's name)."""
        return f"evidence-{self.evidence.kind}-{self.evidence.pk}.{self.evidence.extension}"


def evidence_for_actor(actor: User) -> QuerySet[VerificationEvidence]:
    return evidence_policy.instances_for(actor, VIEW_EVIDENCE)


def evidence_of_application(
    application: VerificationApplication, actor: User
) -> QuerySet[VerificationEvidence]:
    """The application's evidence the actor may see (empty when they may see none)."""
    return evidence_for_actor(actor).filter(application_id=application.pk).order_by("pk")


def open_evidence(public_id: UUID | str, *, actor: User) -> OpenedEvidence:
    """Raises VerificationError(NOT_FOUND) when missing, forbidden or the file is gone."""
    evidence = (
        evidence_for_actor(actor)
        .select_related("seller", "seller__owner")
        .filter(public_id=public_id)
    ).first()
    if evidence is None:
        raise not_found("evidence")
    try:
        handle = evidence.file.storage.open(evidence.file.name, "rb")
    except OSError:
        raise not_found("evidence") from None
    try:
        with transaction.atomic(durable=True):
            evidence_viewed_event(evidence, actor=actor)
    except BaseException:
        handle.close()
        raise
    return OpenedEvidence(evidence=evidence, file=handle)
