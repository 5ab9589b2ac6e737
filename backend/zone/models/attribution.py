"""Which cart lines and order lines were bought through a campaign.

Rule (see `backend.zone.attribution`): a cart line is linked to a campaign when the buyer adds a
featured product from the campaign's page while the campaign is live. Checkout pricing applies the
campaign price to a linked line only while the campaign is still live, and an order placed in
that window records each linked line here with the unit price it was sold at.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CampaignCheckoutLine(models.Model):
    checkout_line = models.OneToOneField(
        "checkout.CheckoutLine", on_delete=models.CASCADE, related_name="zone_campaign"
    )
    campaign = models.ForeignKey(
        "zone.Campaign", on_delete=models.CASCADE, related_name="checkout_lines"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("cart line from a campaign")
        verbose_name_plural = _("cart lines from campaigns")

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.checkout_line_id}"


class CampaignOrderLine(models.Model):
    order_line = models.OneToOneField(
        "orders.OrderLine", on_delete=models.CASCADE, related_name="zone_campaign"
    )
    campaign = models.ForeignKey(
        "zone.Campaign", on_delete=models.PROTECT, related_name="order_lines"
    )
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    unit_price_amount = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)
    campaign_price_applied = models.BooleanField(_("campaign price applied"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("order line from a campaign")
        verbose_name_plural = _("order lines from campaigns")
        indexes = [models.Index(fields=["campaign", "created_at"], name="campaign_orderline")]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.order_line_id}"
