"""Services for the applicant side: start, add evidence, submit, resubmit, withdraw, renew.

The actor is the seller or a helper with scope "all" (`SellerAction.APPLY_FOR_VERIFICATION`);
anyone else gets NOT_FOUND, the same as for an application that does not exist. Every step
writes its audit row in the same transaction.
"""

from __future__ import annotations

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.images.validation import UploadLike
from backend.producers.models import Producer
from backend.sellers.locks import lock_seller
from backend.sellers.permissions import seller_policy
from backend.verification.eligibility import required_evidence, why_not_eligible
from backend.verification.errors import (
    VerificationError,
    VerificationErrorCode,
    invalid_transition,
    not_found,
)
from backend.verification.events import applicant_event, evidence_added_event
from backend.verification.locks import lock_application_for_actor
from backend.verification.models import (
    AWAITING_APPLICANT,
    OPEN_STATUSES,
    ApplicationStatus,
    EvidenceKind,
    VerificationApplication,
    VerificationEvidence,
    VerificationKind,
)
from backend.verification.permissions import APPLY, application_policy
from backend.verification.storage import evidence_storage, random_evidence_name
from backend.verification.uploads import validate_evidence_upload


def _lock(application_id: int, actor: User) -> VerificationApplication:
    try:
        return lock_application_for_actor(application_id, actor, APPLY)
    except VerificationApplication.DoesNotExist:
        raise not_found() from None


def _ensure_no_open_application(seller: Producer, kind: str) -> None:
    if VerificationApplication.objects.filter(
        seller_id=seller.pk, kind=kind, status__in=OPEN_STATUSES
    ).exists():
        raise VerificationError(
            VerificationErrorCode.ALREADY_OPEN,
            _("You already have an application for this. Continue that one instead."),
            field="kind",
        )


def _ensure_eligible(seller: Producer, kind: str) -> None:
    reason = why_not_eligible(seller, kind)
    if reason is not None:
        raise VerificationError(VerificationErrorCode.NOT_ELIGIBLE, reason, field="kind")


def start_application(
    seller: Producer, *, kind: VerificationKind | str, actor: User, statement: str = ""
) -> VerificationApplication:
    kind = VerificationKind(kind)
    with transaction.atomic(durable=True):
        if not seller_policy.user_has_permission_for_instance(actor, APPLY, seller):
            raise not_found("seller")
        locked = lock_seller(seller.pk)
        _ensure_eligible(locked, kind)
        _ensure_no_open_application(locked, kind)
        application = VerificationApplication.objects.create(
            seller=locked, kind=kind, statement=statement, created_by=actor
        )
        applicant_event(
            application, AuditEventType.VERIFICATION_STARTED, actor=actor, old_status=None
        )
    return application


def add_evidence(
    application_id: int,
    upload: UploadLike,
    *,
    evidence_kind: EvidenceKind | str,
    actor: User,
    content_type: str | None = None,
) -> VerificationEvidence:
    """Check the file, store it privately under a random name, and attach it.

    Raises `EvidenceValidationError` (a form-ready ValidationError with a stable code) for a
    bad file, `VerificationError` otherwise.
    """
    evidence_kind = EvidenceKind(evidence_kind)
    if not application_policy.instances_for(actor, APPLY).filter(pk=application_id).exists():
        raise not_found()
    checked = validate_evidence_upload(upload, content_type=content_type)
    storage = evidence_storage()
    upload.seek(0)
    content = upload if isinstance(upload, File) else File(upload)  # type: ignore[arg-type]
    name = storage.save(random_evidence_name(checked.extension), content)
    try:
        with transaction.atomic(durable=True):
            application = _lock(application_id, actor)
            if application.status not in AWAITING_APPLICANT:
                raise invalid_transition(application.get_status_display(), _("changed"))
            evidence = VerificationEvidence.objects.create(
                application=application,
                seller=application.seller,
                kind=evidence_kind,
                file=name,
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
                original_name=(upload.name or "")[-255:],
                uploaded_by=actor,
            )
            evidence_added_event(evidence, actor=actor)
    except BaseException:
        storage.delete(name)
        raise
    return evidence


def _ensure_required_evidence(application: VerificationApplication) -> None:
    needed = required_evidence(application.kind)
    if not application.evidence.filter(kind=needed).exists():
        raise VerificationError(
            VerificationErrorCode.EVIDENCE_MISSING,
            _("Upload the %(document)s before you send the application."),
            field="evidence",
            params={"document": EvidenceKind(needed).label},
        )


def submit_application(application_id: int, *, actor: User) -> VerificationApplication:
    with transaction.atomic(durable=True):
        application = _lock(application_id, actor)
        if application.status != ApplicationStatus.DRAFT:
            raise invalid_transition(application.get_status_display(), _("sent"))
        _ensure_required_evidence(application)
        old = application.status
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = timezone.now()
        application.save(update_fields=["status", "submitted_at", "updated_at"])
        applicant_event(
            application, AuditEventType.VERIFICATION_SUBMITTED, actor=actor, old_status=old
        )
    return application


def resubmit_application(
    application_id: int, *, actor: User, note: str = ""
) -> VerificationApplication:
    """Send the application back to the reviewers after adding what they asked for."""
    with transaction.atomic(durable=True):
        application = _lock(application_id, actor)
        if application.status != ApplicationStatus.MORE_INFO_REQUESTED:
            raise invalid_transition(application.get_status_display(), _("sent again"))
        _ensure_required_evidence(application)
        old = application.status
        application.status = ApplicationStatus.RESUBMITTED
        application.submitted_at = timezone.now()
        application.save(update_fields=["status", "submitted_at", "updated_at"])
        applicant_event(
            application,
            AuditEventType.VERIFICATION_RESUBMITTED,
            actor=actor,
            old_status=old,
            reason=note or None,
        )
    return application


def withdraw_application(application_id: int, *, actor: User) -> VerificationApplication:
    with transaction.atomic(durable=True):
        application = _lock(application_id, actor)
        if application.status not in OPEN_STATUSES:
            raise invalid_transition(application.get_status_display(), _("withdrawn"))
        old = application.status
        application.status = ApplicationStatus.WITHDRAWN
        application.save(update_fields=["status", "updated_at"])
        applicant_event(
            application, AuditEventType.VERIFICATION_WITHDRAWN, actor=actor, old_status=old
        )
    return application


def start_renewal(
    application_id: int, *, actor: User, copy_evidence: bool = True, statement: str = ""
) -> VerificationApplication:
    """A new draft that renews an approval (expired or not; a revoked one cannot be renewed).

    The evidence of the approval is attached again by default (same stored files); the seller
    may add newer documents before sending it.
    """
    with transaction.atomic(durable=True):
        previous = _lock(application_id, actor)
        if previous.status != ApplicationStatus.APPROVED:
            raise VerificationError(
                VerificationErrorCode.NOT_RENEWABLE,
                _("Only an approved verification can be renewed. Apply again instead."),
                field="application",
            )
        _ensure_eligible(previous.seller, previous.kind)
        _ensure_no_open_application(previous.seller, previous.kind)
        renewal = VerificationApplication.objects.create(
            seller=previous.seller,
            kind=previous.kind,
            statement=statement,
            renewal_of=previous,
            created_by=actor,
        )
        if copy_evidence:
            VerificationEvidence.objects.bulk_create(
                VerificationEvidence(
                    application=renewal,
                    seller_id=previous.seller_id,
                    kind=old.kind,
                    file=old.file.name,
                    content_type=old.content_type,
                    size=old.size,
                    sha256=old.sha256,
                    original_name=old.original_name,
                    uploaded_by=old.uploaded_by,
                    uploaded_at=old.uploaded_at,
                )
                for old in previous.evidence.order_by("pk")
            )
        applicant_event(
            renewal,
            AuditEventType.VERIFICATION_STARTED,
            actor=actor,
            old_status=None,
            extra={"renewal_of": previous.pk},
        )
    return renewal
