"""Designations and awards (示范户, 示范基地, 带头人…): the thresholds a region configures and the
designations an operator confirms.

Eligibility is never stored or typed in: `backend.designations.eligibility` computes it from the
order-line ledger. A `Designation` records the operator's decision (level, date, award) with a
snapshot of the evidence it was taken on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DesignationKind(models.TextChoices):
    COUNTY_DEMONSTRATION_HOUSEHOLD = (
        "county_demonstration_household",
        _("county demonstration household (县级示范户)"),
    )
    CITY_DEMONSTRATION_BASE = "city_demonstration_base", _("city demonstration base (市级示范基地)")
    SOURCING_ENTERPRISE = "sourcing_enterprise", _("sourcing enterprise (直采企业)")
    EMPLOYMENT_BASE = "employment_base", _("employment base (就业基地)")
    LEADER = "leader", _("leader who drives households (致富带头人)")


class DesignationLevel(models.TextChoices):
    COUNTY = "county", _("county")
    CITY = "city", _("city")
    PROVINCE = "province", _("province")
    NATIONAL = "national", _("national")


class DesignationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    REVOKED = "revoked", _("revoked")


class DesignationThreshold(models.Model):
    """A region's figures for one kind of designation. Empty figures fall back to the next
    region up the tree, then to the policy's defaults in code (`backend.designations.policies`).
    A row without a region applies to the whole country."""

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="designation_thresholds",
        help_text=_("Leave empty for the whole country."),
    )
    kind = models.CharField(_("designation"), max_length=40, choices=DesignationKind.choices)
    min_sales_amount = models.DecimalField(
        _("minimum sales in the year (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    min_households = models.PositiveIntegerField(
        _("minimum households supplying"), null=True, blank=True
    )
    min_bases = models.PositiveIntegerField(_("minimum bases sourced from"), null=True, blank=True)
    min_disabled_employees = models.PositiveIntegerField(
        _("minimum disabled employees"), null=True, blank=True
    )
    award_amount = models.DecimalField(
        _("usual award (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("set at"), default=timezone.now)

    class Meta:
        verbose_name = _("designation threshold")
        verbose_name_plural = _("designation thresholds")
        ordering = ["kind", "region", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind"],
                name="designation_threshold_unique_region_kind",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(min_sales_amount__isnull=True) | Q(min_sales_amount__gte=0),
                name="designation_threshold_sales_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(award_amount__isnull=True) | Q(award_amount__gte=0),
                name="designation_threshold_award_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.region or _('whole country')}"


class Designation(models.Model):
    """An operator's confirmation that a producer or an enterprise holds a designation for the
    sales year `year`, with the level, date and award, and the evidence it rested on."""

    kind = models.CharField(_("designation"), max_length=40, choices=DesignationKind.choices)
    year = models.PositiveSmallIntegerField(_("year assessed"))
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="designations",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="designations",
    )
    # The subject's region when confirmed: operators' regions scope the register by it.
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("level"), max_length=16, choices=DesignationLevel.choices)
    awarded_on = models.DateField(_("date awarded"))
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    award_amount = models.DecimalField(_("award (yuan)"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DesignationStatus.choices,
        default=DesignationStatus.CONFIRMED,
    )
    evidence = models.JSONField(_("evidence when confirmed"), default=dict)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("why it was revoked"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("designation")
        verbose_name_plural = _("designations")
        ordering = ["-year", "kind", "pk"]
        indexes = [models.Index(fields=["year", "kind"], name="designation_year_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(producer__isnull=False, enterprise__isnull=True)
                | Q(producer__isnull=True, enterprise__isnull=False),
                name="designation_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(award_amount__gte=0), name="designation_award_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(status=DesignationStatus.CONFIRMED)
                | Q(revoked_at__isnull=False, revoked_by__isnull=False),
                name="designation_revocation_recorded",
            ),
            # Re-confirmation is refused: one live designation per subject, kind and year.
            models.UniqueConstraint(
                fields=["kind", "year", "producer"],
                condition=Q(status=DesignationStatus.CONFIRMED, producer__isnull=False),
                name="designation_once_per_producer",
            ),
            models.UniqueConstraint(
                fields=["kind", "year", "enterprise"],
                condition=Q(status=DesignationStatus.CONFIRMED, enterprise__isnull=False),
                name="designation_once_per_enterprise",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.producer or self.enterprise}"

    @property
    def subject(self) -> models.Model:
        return self.producer or self.enterprise  # type: ignore[return-value]
