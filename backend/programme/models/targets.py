"""Programme targets per region, year and metric, entered by operators."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class TargetMetric(models.TextChoices):
    PEOPLE_TRAINED = "people_trained", _("disabled people trained")
    SHOPS_OPENED = "shops_opened", _("shops opened")
    ACTIVE_SELLERS = "active_sellers", _("active sellers")
    LEADERS = "leaders", _("leaders (致富带头人)")
    HOUSEHOLDS_EARNING = "households_earning", _("households earning")
    HOUSEHOLDS_OUT_OF_POVERTY = "households_out_of_poverty", _("households out of poverty")
    SALES_VALUE = "sales_value", _("sales value (CNY)")
    SALES_VOLUME = "sales_volume", _("orders")


class Target(models.Model):
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="programme_targets",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    metric = models.CharField(_("measure"), max_length=32, choices=TargetMetric.choices)
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=2)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("programme target")
        verbose_name_plural = _("programme targets")
        ordering = ["region", "-year", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "metric"], name="target_unique_region_year_metric"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year} {self.metric}: {self.value}"
