"""Verification (认定) of who a seller is: the application, its evidence, and the approval.

Workflow (services in `applications.py` for the applicant side and `review.py` for operators):

    draft ──submit──▶ submitted ──(recommend, optional)──▶ recommended
                          │                                   │
                          ├──────────── approve ──────────────┼──▶ approved ──revoke──▶ revoked
                          ├──────────── reject (reason) ──────┼──▶ rejected
                          └──── ask for more (reason) ────────┴──▶ more information requested
                                                                         │ resubmit
                                                                         ▼
                                                                    resubmitted (reviewed again)

An approval is valid from `valid_from` until `valid_until` (a year by default) and is renewed
by a new application (`renewal_of`). Tags are never stored: `tags.py` derives them at read time
from approved applications whose `valid_until` is still ahead, so a lapse or a revocation takes
every tag away at once without a job.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.verification.storage import evidence_storage


class VerificationKind(models.TextChoices):
    POOR_HOUSEHOLD = "poor_household", _("registered poor household (建档立卡贫困户)")
    DISABLED = "disabled", _("certified disabled person (残疾人)")
    COOPERATIVE = "cooperative", _("cooperative (合作社)")
    POVERTY_BASE = "poverty_base", _("poverty-alleviation base (扶贫基地)")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RECOMMENDED = "recommended", _("recommended by the county")
    MORE_INFO_REQUESTED = "more_info_requested", _("more information requested")
    RESUBMITTED = "resubmitted", _("resubmitted")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")
    REVOKED = "revoked", _("revoked")


AWAITING_REVIEW = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.RECOMMENDED,
    ApplicationStatus.RESUBMITTED,
)
AWAITING_APPLICANT = (ApplicationStatus.DRAFT, ApplicationStatus.MORE_INFO_REQUESTED)
OPEN_STATUSES = AWAITING_REVIEW + AWAITING_APPLICANT


class EvidenceKind(models.TextChoices):
    DISABILITY_CERTIFICATE = "disability_certificate", _("disability certificate photo")
    POOR_HOUSEHOLD_PROOF = "poor_household_proof", _("poor-household registration proof")
    COOPERATIVE_LICENCE = "cooperative_licence", _("cooperative business licence")
    BASE_CERTIFICATE = "base_certificate", _("poverty-alleviation base certificate")
    OTHER = "other", _("other supporting document")


class VerificationApplication(models.Model):
    seller = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("seller"),
        on_delete=models.PROTECT,
        related_name="verification_applications",
    )
    kind = models.CharField(_("verification of"), max_length=32, choices=VerificationKind.choices)
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    statement = models.TextField(_("applicant's note"), blank=True)
    renewal_of = models.ForeignKey(
        "self",
        verbose_name=_("renews"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recommended by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recommended_at = models.DateTimeField(_("recommended"), null=True, blank=True)
    recommendation_note = models.TextField(_("recommendation"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason given to the seller"), blank=True)
    valid_from = models.DateTimeField(_("valid from"), null=True, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_reminder_days = models.PositiveSmallIntegerField(
        _("last expiry reminder (days before)"), null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("verification application")
        verbose_name_plural = _("verification applications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["seller", "kind", "status", "valid_until"], name="verification_live"
            ),
            models.Index(fields=["status", "submitted_at"], name="verification_queue"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["seller", "kind"],
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
                name="verification_one_open_per_kind",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ApplicationStatus.APPROVED, ApplicationStatus.REVOKED])
                | Q(
                    valid_from__isnull=False,
                    valid_until__isnull=False,
                    valid_until__gt=models.F("valid_from"),
                ),
                name="verification_approved_has_validity",
            ),
            models.CheckConstraint(
                condition=~Q(
                    status__in=[
                        ApplicationStatus.REJECTED,
                        ApplicationStatus.MORE_INFO_REQUESTED,
                        ApplicationStatus.REVOKED,
                    ]
                )
                | ~Q(decision_reason=""),
                name="verification_refusal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seller} · {self.get_kind_display()} · {self.get_status_display()}"

    def is_live(self, now: datetime | None = None) -> bool:
        """Approved and inside its validity period (what a tag needs)."""
        moment = now or timezone.now()
        return (
            self.status == ApplicationStatus.APPROVED
            and self.valid_from is not None
            and self.valid_until is not None
            and self.valid_from <= moment < self.valid_until
        )


class VerificationEvidence(models.Model):
    """One uploaded proof. The file is private (see `storage.py`); `public_id` is the only
    handle a page ever shows, and the evidence view checks permission on every request."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        VerificationApplication,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    seller = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("seller"),
        on_delete=models.PROTECT,
        related_name="verification_evidence",
    )
    kind = models.CharField(_("document"), max_length=32, choices=EvidenceKind.choices)
    file = models.FileField(_("file"), storage=evidence_storage, max_length=200)
    content_type = models.CharField(_("file type"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    original_name = models.CharField(_("name on the uploader's device"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["application", "uploaded_at", "pk"]
        indexes = [models.Index(fields=["seller", "application"], name="evidence_seller_app")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.uploaded_at:%Y-%m-%d})"

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].lower() if "." in self.file.name else ""

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
