from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Checkout(models.Model):
    """A cart with its buyer details. The token is the primary key and the public identifier."""

    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="checkouts",
    )
    email = models.EmailField(_("email address"), blank=True)
    channel = models.ForeignKey(
        "catalog.Channel",
        verbose_name=_("channel"),
        on_delete=models.PROTECT,
        related_name="checkouts",
    )
    # Shipping address (China): the county is chosen; province and city are derived from it.
    recipient_name = models.CharField(_("recipient"), max_length=100, blank=True)
    mobile = models.CharField(_("mobile number"), max_length=20, blank=True)
    shipping_province = models.ForeignKey(
        "regions.Region",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    shipping_city = models.ForeignKey(
        "regions.Region",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    shipping_county = models.ForeignKey(
        "regions.Region",
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    address_detail = models.CharField(_("street address"), max_length=255, blank=True)
    delivery_method = models.ForeignKey(
        "checkout.ShippingMethod",
        verbose_name=_("delivery method"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    last_change = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("checkout")
        verbose_name_plural = _("checkouts")
        ordering = ["-last_change", "pk"]
        indexes = [models.Index(fields=["user", "channel"], name="checkout_user_channel")]

    def __str__(self) -> str:
        return str(self.token)

    @property
    def has_shipping_address(self) -> bool:
        return bool(
            self.recipient_name and self.mobile and self.shipping_county_id and self.address_detail
        )


class CheckoutLine(models.Model):
    checkout = models.ForeignKey(Checkout, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="checkout_lines"
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("checkout line")
        verbose_name_plural = _("checkout lines")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["checkout", "variant"], name="checkout_line_unique_variant"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="checkout_line_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.variant_id} × {self.quantity}"


class ShippingMethod(models.Model):
    """A way to ship a parcel (one parcel per producer), priced by `ShippingRate`s."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    supports_cold_chain = models.BooleanField(_("carries fresh goods cold"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("shipping method")
        verbose_name_plural = _("shipping methods")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class ShippingRate(models.Model):
    """Price of one parcel to a destination province, by weight (首重 + 续重).

    An empty `destination_province_code` is the nationwide rate, used where no province rate
    exists. Price = first_price for the first `first_weight_grams`, plus `step_price` for each
    started `step_weight_grams` beyond, plus the cold-chain surcharge when the parcel holds fresh
    goods.
    """

    method = models.ForeignKey(ShippingMethod, on_delete=models.CASCADE, related_name="rates")
    destination_province_code = models.CharField(
        _("destination province code"), max_length=12, blank=True
    )
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    first_weight_grams = models.PositiveIntegerField(_("first weight (g)"), default=1000)
    first_price_amount = models.DecimalField(
        _("first weight price"), max_digits=12, decimal_places=2
    )
    step_weight_grams = models.PositiveIntegerField(_("additional weight step (g)"), default=1000)
    step_price_amount = models.DecimalField(
        _("price per additional step"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    cold_chain_surcharge_amount = models.DecimalField(
        _("cold-chain surcharge"), max_digits=12, decimal_places=2, default=Decimal("0")
    )

    class Meta:
        verbose_name = _("shipping rate")
        verbose_name_plural = _("shipping rates")
        ordering = ["method", "destination_province_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["method", "destination_province_code"], name="shipping_rate_unique_dest"
            ),
            models.CheckConstraint(
                condition=Q(step_weight_grams__gt=0), name="shipping_rate_step_positive"
            ),
            models.CheckConstraint(
                condition=Q(first_price_amount__gte=0)
                & Q(step_price_amount__gte=0)
                & Q(cold_chain_surcharge_amount__gte=0),
                name="shipping_rate_prices_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method} → {self.destination_province_code or '*'}"
