from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
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
    # A pickup point (Saleor's collection point) instead of delivery to the door; the parcels
    # go there with `delivery_method`, a courier that calls at the point.
    pickup_point = models.ForeignKey(
        "delivery.PickupPoint",
        verbose_name=_("pickup point"),
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


class ShippingRule(models.Model):
    """A price for one method's parcels from a producer or an origin region to a zone.

    Which rule applies (the most specific one, then the method's `ShippingRate`) is decided by
    `backend.checkout.shipping.ShippingRulePolicy`. An empty `destination_province_codes` is
    every province. `cold_chain_surcharge_amount` empty means the method has no cold chain on
    this route: fresh parcels cannot go this way.
    """

    name = models.CharField(_("name"), max_length=100)
    method = models.ForeignKey(
        ShippingMethod,
        verbose_name=_("delivery method"),
        on_delete=models.CASCADE,
        related_name="rules",
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shipping_rules",
        help_text=_("Leave empty for a rule of the origin region or of the whole platform."),
    )
    origin_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("origin province, city or county"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    destination_province_codes = ArrayField(
        models.CharField(max_length=12),
        verbose_name=_("destination provinces (zone)"),
        blank=True,
        default=list,
        help_text=_("Province codes; leave empty for the whole country."),
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
        _("cold-chain surcharge"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty where this method has no cold chain."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("shipping rule")
        verbose_name_plural = _("shipping rules")
        ordering = ["method", "pk"]
        indexes = [models.Index(fields=["method", "producer"], name="shipping_rule_method_prod")]
        constraints = [
            models.CheckConstraint(
                condition=Q(step_weight_grams__gt=0), name="shipping_rule_step_positive"
            ),
            models.CheckConstraint(
                condition=Q(first_price_amount__gte=0)
                & Q(step_price_amount__gte=0)
                & (
                    Q(cold_chain_surcharge_amount__isnull=True)
                    | Q(cold_chain_surcharge_amount__gte=0)
                ),
                name="shipping_rule_prices_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FreeShippingThreshold(models.Model):
    """A producer ships a parcel free when its subtotal reaches the threshold (≥).

    The cold-chain surcharge is still charged unless `covers_cold_chain`.
    """

    producer = models.OneToOneField(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.CASCADE,
        related_name="free_shipping",
    )
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    threshold_amount = models.DecimalField(_("free shipping from"), max_digits=12, decimal_places=2)
    covers_cold_chain = models.BooleanField(
        _("also waives the cold-chain surcharge"), default=False
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("free-shipping threshold")
        verbose_name_plural = _("free-shipping thresholds")
        ordering = ["producer"]
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold_amount__gte=0), name="free_shipping_threshold_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.producer_id} ≥ {self.threshold_amount}"
