"""Support given to households and producers: recorded here, paid out elsewhere."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SupportKind(models.TextChoices):
    SUBSIDISED_LOAN = "subsidised_loan", _("interest-subsidised loan (贴息贷款)")
    EQUIPMENT_GRANT = "equipment_grant", _("equipment grant")
    BROADBAND_GRANT = "broadband_grant", _("broadband grant")
    STARTUP_GRANT = "startup_grant", _("start-up grant")
    LIVING_SUBSIDY = "living_subsidy", _("living subsidy")


class SupportRecord(models.Model):
    """One grant, loan or subsidy, as reported (recorded, not processed by the platform).

    `region` is the household's or producer's region when recorded (for scoping and roll-ups).
    """

    kind = models.CharField(_("kind"), max_length=20, choices=SupportKind.choices, db_index=True)
    amount = models.DecimalField(_("amount (CNY)"), max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    granted_on = models.DateField(_("date"))
    household = models.ForeignKey(
        "programme.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_records",
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("shop"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_records",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="programme_support_records",
    )
    provider = models.CharField(_("given by"), max_length=200, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support record")
        verbose_name_plural = _("support records")
        ordering = ["-granted_on", "-pk"]
        indexes = [models.Index(fields=["region", "granted_on"], name="support_region_date")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="support_amount_positive"),
            models.CheckConstraint(
                condition=Q(household__isnull=False) | Q(producer__isnull=False),
                name="support_has_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"
