from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.Model):
    """A sales channel (Saleor 3): products, variants and prices are listed per channel."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    currency_code = models.CharField(_("currency"), max_length=3, default=settings.DEFAULT_CURRENCY)
    default_country = models.CharField(_("default country"), max_length=2, default="CN")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name
