"""Campaigns and festivals (武乡小米节, apple festivals): a time window, featured products and,
within what each producer agreed to, a campaign price per variant."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Campaign(models.Model):
    """Live while `starts_at <= now < ends_at` and published."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.CharField(_("summary"), max_length=200, blank=True)
    story = models.TextField(_("story"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    is_published = models.BooleanField(_("published"), default=False)
    products = models.ManyToManyField(
        "catalog.Product",
        verbose_name=_("featured products"),
        through="CampaignProduct",
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_at", "pk"]
        indexes = [
            models.Index(fields=["is_published", "starts_at", "ends_at"], name="campaign_window")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="campaign_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def is_live(self, now: datetime | None = None) -> bool:
        moment = now or timezone.now()
        return self.is_published and self.starts_at <= moment < self.ends_at


class CampaignProduct(models.Model):
    """A product featured in a campaign, in the operator's order."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="featured_products"
    )
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    sort_order = models.IntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("featured product")
        verbose_name_plural = _("featured products")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "product"], name="campaign_product_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.product_id}"


def _amount(verbose_name: object) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2)  # type: ignore[arg-type]


class CampaignPriceConsent(models.Model):
    """The producer agreed to sell this variant during this campaign at no less than
    `minimum_amount` (recorded by an operator from a signed form, a call or a message)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="consents")
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="+"
    )
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    minimum_amount = _amount(_("lowest price agreed"))
    agreed_on = models.DateField(_("agreed on"), default=timezone.localdate)
    how_agreed = models.CharField(
        _("how the producer agreed"),
        max_length=200,
        help_text=_("For example: signed form, phone call with the shop owner."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("producer's price consent")
        verbose_name_plural = _("producers' price consents")
        ordering = ["campaign", "variant"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "variant"], name="campaign_consent_unique"),
            models.CheckConstraint(
                condition=Q(minimum_amount__gt=Decimal("0")), name="campaign_consent_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"≥ {self.minimum_amount} {self.currency}"


class CampaignPrice(models.Model):
    """The price a buyer pays for the variant when bought through the campaign while it is live.
    Written only through `backend.zone.campaign_prices.set_campaign_price`, which refuses a price
    below the producer's consent (and pricing re-checks the consent when it reads it)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="prices")
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="+"
    )
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    amount = _amount(_("campaign price"))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("campaign price")
        verbose_name_plural = _("campaign prices")
        ordering = ["campaign", "variant"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "variant"], name="campaign_price_unique"),
            models.CheckConstraint(
                condition=Q(amount__gt=Decimal("0")), name="campaign_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"
