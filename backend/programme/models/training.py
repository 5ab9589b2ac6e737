"""Training: courses, who enrolled, attendance, completion and certificates, and subsidy claims
for self-paid courses (capped at the fee actually paid)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from backend.verification.storage import evidence_storage


class CourseTier(models.TextChoices):
    COUNTY_BASIC = "county_basic", _("county basic")
    CITY_ADVANCED = "city_advanced", _("city advanced")


class CourseTrack(models.TextChoices):
    RUNNING_A_FIRM = "running_a_firm", _("running a firm")
    RUNNING_A_SHOP = "running_a_shop", _("running a shop")
    ECOMMERCE_WORK = "ecommerce_work", _("working in e-commerce")
    WOULD_BE_SELLER = "would_be_seller", _("would-be seller")


class Course(models.Model):
    title = models.CharField(_("title"), max_length=200)
    tier = models.CharField(_("tier"), max_length=16, choices=CourseTier.choices, db_index=True)
    track = models.CharField(_("track"), max_length=20, choices=CourseTrack.choices)
    provider = models.CharField(_("provider"), max_length=200)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="programme_courses",
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    session_count = models.PositiveSmallIntegerField(_("sessions"), default=1)
    fee_amount = models.DecimalField(_("fee (CNY)"), max_digits=10, decimal_places=2, default=0)
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    is_certified = models.BooleanField(
        _("certified course (self-paid fees may be subsidised)"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-starts_on", "pk"]
        indexes = [models.Index(fields=["region", "starts_on"], name="course_region_starts")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="course_dates_in_order"
            ),
            models.CheckConstraint(condition=Q(fee_amount__gte=0), name="course_fee_not_negative"),
            models.CheckConstraint(condition=Q(session_count__gt=0), name="course_has_sessions"),
        ]

    def __str__(self) -> str:
        return self.title


class Enrolment(models.Model):
    """One person on one course: a household member and/or an account and/or a producer."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="enrolments"
    )
    member = models.ForeignKey(
        "programme.HouseholdMember",
        verbose_name=_("household member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrolments",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="course_enrolments",
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("shop"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="course_enrolments",
    )
    person_name = models.CharField(_("name"), max_length=100)
    is_disabled = models.BooleanField(
        _("the person is disabled"),
        default=False,
        help_text=_("Counted as a disabled person trained."),
    )
    enrolled_on = models.DateField(_("enrolled"))
    sessions_attended = models.PositiveSmallIntegerField(_("sessions attended"), default=0)
    completed = models.BooleanField(_("completed"), default=False, db_index=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    certificate = models.FileField(
        _("certificate"), storage=evidence_storage, max_length=200, blank=True
    )
    certificate_content_type = models.CharField(max_length=100, blank=True)
    certificate_size = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["course", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False)
                | Q(user__isnull=False)
                | Q(producer__isnull=False),
                name="enrolment_names_a_person",
            ),
            models.CheckConstraint(
                condition=Q(completed=True, completed_on__isnull=False)
                | Q(completed=False, completed_on__isnull=True),
                name="enrolment_completed_has_date",
            ),
            models.UniqueConstraint(
                fields=["course", "member"],
                condition=Q(member__isnull=False),
                name="enrolment_member_once",
            ),
            models.UniqueConstraint(
                fields=["course", "user"],
                condition=Q(user__isnull=False),
                name="enrolment_user_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} — {self.course_id}"


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class SubsidyClaim(models.Model):
    """A claim for the fee of a self-paid certified course: never more than the fee paid."""

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="subsidy_claims",
    )
    amount_claimed = models.DecimalField(_("amount claimed (CNY)"), max_digits=10, decimal_places=2)
    fee_paid_amount = models.DecimalField(_("fee paid (CNY)"), max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    evidence = models.FileField(
        _("receipt for the fee paid"), storage=evidence_storage, max_length=200, blank=True
    )
    evidence_content_type = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ClaimStatus.choices,
        default=ClaimStatus.SUBMITTED,
        db_index=True,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("training subsidy claim")
        verbose_name_plural = _("training subsidy claims")
        ordering = ["-submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_claimed__gt=0), name="subsidy_claim_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(amount_claimed__lte=F("fee_paid_amount")),
                name="subsidy_claim_within_fee_paid",
            ),
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=~Q(status=ClaimStatus.REJECTED),
                name="subsidy_claim_one_open_per_enrolment",
            ),
            models.CheckConstraint(
                condition=Q(status=ClaimStatus.SUBMITTED, decided_at__isnull=True)
                | (~Q(status=ClaimStatus.SUBMITTED) & Q(decided_at__isnull=False)),
                name="subsidy_claim_decided_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.amount_claimed}"
