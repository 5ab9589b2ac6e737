"""Self-paid course subsidy claims: submitted by the trainee (or an operator for them), capped
at the fee actually paid (`SubsidyCapPolicy`), approved or rejected by an operator of the
course's region in one audited transaction."""

from __future__ import annotations

from decimal import Decimal

from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.images.validation import UploadLike
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode, not_found
from backend.programme.events import programme_event
from backend.programme.locks import lock_claim, lock_enrolment
from backend.programme.models import ClaimStatus, Enrolment, SubsidyClaim
from backend.programme.policies import DEFAULT_SUBSIDY_CAP, SubsidyCapPolicy
from backend.programme.scoping import records_for
from backend.verification.storage import evidence_storage, random_evidence_name
from backend.verification.uploads import EvidenceValidationError, validate_evidence_upload


def enrolments_claimable_by(actor: User) -> Q:
    """Enrolments of the actor themself: as the account, the member's account or shop owner."""
    return Q(user_id=actor.pk) | Q(member__user_id=actor.pk) | Q(producer__owner_id=actor.pk)


def check_claim_amounts(
    enrolment: Enrolment,
    *,
    amount_claimed: Decimal | None,
    fee_paid_amount: Decimal | None,
    policy: SubsidyCapPolicy = DEFAULT_SUBSIDY_CAP,
) -> None:
    """The claim's rules on their own (forms call this too): positive amounts, a certified
    course, and no more than the cap (the fee paid)."""
    if not enrolment.course.is_certified:
        raise ProgrammeError(
            ProgrammeErrorCode.NOT_CERTIFIED_COURSE,
            _("Only the fee of a certified course can be subsidised."),
            field="enrolment",
        )
    if fee_paid_amount is None or fee_paid_amount <= 0:
        raise ProgrammeError(
            ProgrammeErrorCode.AMOUNT_NOT_POSITIVE,
            _("Enter the fee paid, in yuan, more than 0."),
            field="fee_paid_amount",
        )
    if amount_claimed is None or amount_claimed <= 0:
        raise ProgrammeError(
            ProgrammeErrorCode.AMOUNT_NOT_POSITIVE,
            _("Enter the amount claimed, in yuan, more than 0."),
            field="amount_claimed",
        )
    cap = policy.cap(enrolment.course, fee_paid_amount)
    if amount_claimed > cap:
        raise ProgrammeError(
            ProgrammeErrorCode.CLAIM_ABOVE_FEE_PAID,
            _(
                "The claim (¥%(claimed)s) is more than the fee paid (¥%(cap)s). "
                "Claim ¥%(cap)s or less."
            ),
            field="amount_claimed",
            params={"claimed": f"{amount_claimed:.2f}", "cap": f"{cap:.2f}"},
        )


def check_no_open_claim(enrolment: Enrolment) -> None:
    if enrolment.subsidy_claims.exclude(status=ClaimStatus.REJECTED).exists():
        raise ProgrammeError(
            ProgrammeErrorCode.CLAIM_ALREADY_OPEN,
            _("This enrolment already has a claim that is waiting or approved."),
            field="enrolment",
        )


def submit_subsidy_claim(
    enrolment: Enrolment,
    *,
    actor: User,
    amount_claimed: Decimal,
    fee_paid_amount: Decimal,
    evidence: UploadLike | None = None,
    policy: SubsidyCapPolicy = DEFAULT_SUBSIDY_CAP,
) -> SubsidyClaim:
    """File a claim for the trainee's own enrolment, or as an operator of the course's region."""
    visible = records_for(actor, Enrolment).filter(pk=enrolment.pk).exists() or (
        Enrolment.objects.filter(enrolments_claimable_by(actor), pk=enrolment.pk).exists()
    )
    if not visible:
        raise not_found("enrolment")
    check_claim_amounts(
        enrolment,
        amount_claimed=amount_claimed,
        fee_paid_amount=fee_paid_amount,
        policy=policy,
    )
    stored, content_type = _store_evidence(evidence)
    try:
        with transaction.atomic(durable=True):
            locked = lock_enrolment(enrolment.pk)
            check_no_open_claim(locked)
            claim = SubsidyClaim.objects.create(
                enrolment=locked,
                amount_claimed=amount_claimed,
                fee_paid_amount=fee_paid_amount,
                evidence=stored,
                evidence_content_type=content_type,
                submitted_by=actor,
            )
            programme_event(
                AuditEventType.SUBSIDY_CLAIM_SUBMITTED,
                claim,
                actor=actor,
                seller=locked.producer,
                new={"amount_claimed": str(amount_claimed), "fee_paid": str(fee_paid_amount)},
            )
    except BaseException:
        if stored:
            evidence_storage().delete(stored)
        raise
    return claim


def _store_evidence(upload: UploadLike | None) -> tuple[str, str]:
    if upload is None:
        return "", ""
    try:
        checked = validate_evidence_upload(upload)
    except EvidenceValidationError as error:
        raise ProgrammeError(
            ProgrammeErrorCode.INVALID_FILE,
            error.message,
            field="evidence",
            params={**(error.params or {}), "reason": error.error_code.value},
        ) from None
    upload.seek(0)
    content = upload if isinstance(upload, File) else File(upload)  # type: ignore[arg-type]
    return evidence_storage().save(random_evidence_name(checked.extension), content), (
        checked.content_type
    )


def _lock_undecided(claim: SubsidyClaim, actor: User) -> SubsidyClaim:
    if not records_for(actor, SubsidyClaim).filter(pk=claim.pk).exists():
        raise not_found("claim")
    locked = lock_claim(claim.pk)
    if locked.status != ClaimStatus.SUBMITTED:
        raise ProgrammeError(
            ProgrammeErrorCode.ALREADY_DECIDED,
            _("This claim was already %(status)s."),
            field="status",
            params={"status": locked.get_status_display()},
        )
    return locked


def approve_subsidy_claim(
    claim: SubsidyClaim,
    *,
    actor: User,
    note: str = "",
    policy: SubsidyCapPolicy = DEFAULT_SUBSIDY_CAP,
) -> SubsidyClaim:
    """An operator of the course's region approves; the cap is checked again under the lock."""
    with transaction.atomic(durable=True):
        locked = _lock_undecided(claim, actor)
        check_claim_amounts(
            locked.enrolment,
            amount_claimed=locked.amount_claimed,
            fee_paid_amount=locked.fee_paid_amount,
            policy=policy,
        )
        _decide(locked, ClaimStatus.APPROVED, actor=actor, note=note)
        programme_event(
            AuditEventType.SUBSIDY_CLAIM_APPROVED,
            locked,
            actor=actor,
            seller=locked.enrolment.producer,
            old={"status": ClaimStatus.SUBMITTED.value},
            new={"status": ClaimStatus.APPROVED.value, "amount": str(locked.amount_claimed)},
            reason=note or None,
        )
    return locked


def reject_subsidy_claim(claim: SubsidyClaim, *, actor: User, reason: str) -> SubsidyClaim:
    """An operator of the course's region rejects, saying why."""
    if not reason.strip():
        raise ProgrammeError(
            ProgrammeErrorCode.REASON_REQUIRED,
            _("Say why the claim is rejected."),
            field="decision_note",
        )
    with transaction.atomic(durable=True):
        locked = _lock_undecided(claim, actor)
        _decide(locked, ClaimStatus.REJECTED, actor=actor, note=reason.strip())
        programme_event(
            AuditEventType.SUBSIDY_CLAIM_REJECTED,
            locked,
            actor=actor,
            seller=locked.enrolment.producer,
            old={"status": ClaimStatus.SUBMITTED.value},
            new={"status": ClaimStatus.REJECTED.value},
            reason=reason.strip(),
        )
    return locked


def _decide(claim: SubsidyClaim, status: ClaimStatus, *, actor: User, note: str) -> None:
    claim.status = status
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.decision_note = note
    claim.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
