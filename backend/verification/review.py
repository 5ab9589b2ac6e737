"""Services for operators: recommend, approve, reject, ask for more, revoke.

The actor must be an operator whose region covers the seller (`REVIEW_VERIFICATION`), and never
a member of the shop; the region filter is part of the locking query, so an application
outside the operator's regions is NOT_FOUND exactly like a missing one. Each decision writes
its audit row (who, when, old/new status and validity, the reason, the operator's region) in
the same transaction, and the seller's e-mail is queued after commit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.verification.conf import validity_days
from backend.verification.eligibility import required_evidence
from backend.verification.errors import (
    VerificationError,
    VerificationErrorCode,
    invalid_transition,
    not_found,
)
from backend.verification.events import operator_decision_event
from backend.verification.locks import lock_application_for_actor
from backend.verification.models import (
    AWAITING_REVIEW,
    ApplicationStatus,
    EvidenceKind,
    VerificationApplication,
)
from backend.verification.permissions import REVIEW

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Change = Callable[[VerificationApplication, datetime], list[str]]


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise VerificationError(
            VerificationErrorCode.REASON_REQUIRED,
            _("Tell the seller why, in words they can act on."),
            field="reason",
        )
    return reason


def _decide(
    application_id: int,
    *,
    actor: User,
    allowed_from: tuple[str, ...],
    to: ApplicationStatus,
    wanted: StrOrPromise,
    event_type: AuditEventType,
    change: Change,
    reason: str | None,
    now: datetime | None,
    notify: bool = True,
) -> VerificationApplication:
    from backend.verification.tasks import send_decision_email

    moment = now or timezone.now()
    with transaction.atomic(durable=True):
        try:
            application = lock_application_for_actor(application_id, actor, REVIEW)
        except VerificationApplication.DoesNotExist:
            raise not_found() from None
        if application.status not in allowed_from:
            raise invalid_transition(application.get_status_display(), wanted)
        old_status = application.status
        old_validity: dict[str, Any] = {}
        if application.valid_until is not None:
            old_validity = {
                "valid_from": application.valid_from,
                "valid_until": application.valid_until,
            }
        fields = change(application, moment)
        application.status = to
        application.save(update_fields=["status", "updated_at", *fields])
        operator_decision_event(
            application,
            event_type,
            actor=actor,
            old_status=old_status,
            old_validity=old_validity,
            reason=reason or None,
        )
        if notify:
            transaction.on_commit(partial(send_decision_email.delay, application.pk))
    return application


def recommend_application(
    application_id: int, *, actor: User, note: str = "", now: datetime | None = None
) -> VerificationApplication:
    """The county department's recommendation (optional before a decision)."""

    def change(application: VerificationApplication, moment: datetime) -> list[str]:
        application.recommended_by = actor
        application.recommended_at = moment
        application.recommendation_note = note
        return ["recommended_by", "recommended_at", "recommendation_note"]

    return _decide(
        application_id,
        actor=actor,
        allowed_from=(ApplicationStatus.SUBMITTED, ApplicationStatus.RESUBMITTED),
        to=ApplicationStatus.RECOMMENDED,
        wanted=_("recommended"),
        event_type=AuditEventType.VERIFICATION_RECOMMENDED,
        change=change,
        reason=note,
        now=now,
        notify=False,
    )


def approve_application(
    application_id: int,
    *,
    actor: User,
    note: str = "",
    valid_days: int | None = None,
    now: datetime | None = None,
) -> VerificationApplication:
    """Approve for `valid_days` (default VERIFICATION_VALIDITY_DAYS). A renewal starts when
    the approval it renews ends, so the tag never blinks off in between."""
    days = validity_days() if valid_days is None else valid_days
    if days <= 0:
        raise VerificationError(
            VerificationErrorCode.INVALID_VALIDITY,
            _("The approval must last at least one day."),
            field="valid_days",
        )

    def change(application: VerificationApplication, moment: datetime) -> list[str]:
        needed = required_evidence(application.kind)
        if not application.evidence.filter(kind=needed).exists():
            raise VerificationError(
                VerificationErrorCode.EVIDENCE_MISSING,
                _("The application has no %(document)s; ask the seller for it."),
                field="evidence",
                params={"document": EvidenceKind(needed).label},
            )
        start = moment
        previous = application.renewal_of
        if (
            previous is not None
            and previous.status == ApplicationStatus.APPROVED
            and previous.valid_until is not None
            and previous.valid_until > moment
        ):
            start = previous.valid_until
        application.valid_from = start
        application.valid_until = start + timedelta(days=days)
        application.decided_by = actor
        application.decided_at = moment
        application.decision_reason = note
        application.last_reminder_days = None
        return [
            "valid_from",
            "valid_until",
            "decided_by",
            "decided_at",
            "decision_reason",
            "last_reminder_days",
        ]

    return _decide(
        application_id,
        actor=actor,
        allowed_from=AWAITING_REVIEW,
        to=ApplicationStatus.APPROVED,
        wanted=_("approved"),
        event_type=AuditEventType.VERIFICATION_APPROVED,
        change=change,
        reason=note,
        now=now,
    )


def _refusal(actor: User, reason: str) -> Change:
    def change(application: VerificationApplication, moment: datetime) -> list[str]:
        application.decided_by = actor
        application.decided_at = moment
        application.decision_reason = reason
        return ["decided_by", "decided_at", "decision_reason"]

    return change


def reject_application(
    application_id: int, *, actor: User, reason: str, now: datetime | None = None
) -> VerificationApplication:
    reason = _require_reason(reason)
    return _decide(
        application_id,
        actor=actor,
        allowed_from=AWAITING_REVIEW,
        to=ApplicationStatus.REJECTED,
        wanted=_("rejected"),
        event_type=AuditEventType.VERIFICATION_REJECTED,
        change=_refusal(actor, reason),
        reason=reason,
        now=now,
    )


def request_more_information(
    application_id: int, *, actor: User, reason: str, now: datetime | None = None
) -> VerificationApplication:
    reason = _require_reason(reason)
    return _decide(
        application_id,
        actor=actor,
        allowed_from=AWAITING_REVIEW,
        to=ApplicationStatus.MORE_INFO_REQUESTED,
        wanted=_("sent back for more information"),
        event_type=AuditEventType.VERIFICATION_MORE_INFO_REQUESTED,
        change=_refusal(actor, reason),
        reason=reason,
        now=now,
    )


def revoke_verification(
    application_id: int, *, actor: User, reason: str, now: datetime | None = None
) -> VerificationApplication:
    """Take an approval back (fake or outdated evidence): its tags vanish at once."""
    reason = _require_reason(reason)

    def change(application: VerificationApplication, moment: datetime) -> list[str]:
        application.revoked_by = actor
        application.revoked_at = moment
        application.decision_reason = reason
        return ["revoked_by", "revoked_at", "decision_reason"]

    return _decide(
        application_id,
        actor=actor,
        allowed_from=(ApplicationStatus.APPROVED,),
        to=ApplicationStatus.REVOKED,
        wanted=_("revoked"),
        event_type=AuditEventType.VERIFICATION_REVOKED,
        change=change,
        reason=reason,
        now=now,
    )
