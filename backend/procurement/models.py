"""Enterprise procurement: protected floor prices (保护价) with market reference prices, and
direct-sourcing contracts (直采直供) whose deliveries are procurement orders.

Prices are per kilogram (元/公斤, as protected prices are announced); a purchase is in units of a
product variant, whose weight turns the price per kilogram into a unit price rounded half-up to
the cent (`backend.procurement.pricing`).

A delivery (`ProcurementOrder`) is also an ordinary order (`orders.Order` with one sub-order for
the producer), so stock is allocated, shipped and counted by the same code as a consumer's
checkout; each procurement line points at its order line.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _price_field(verbose_name: Any, **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


class FloorPrice(models.Model):
    """An operator's protected price for a product (optionally one grade, optionally producers of
    one region and everything below it) during a period. Every floor that covers a purchase
    applies; the highest wins."""

    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="floor_prices",
    )
    grade = models.CharField(
        _("grade"), max_length=40, blank=True, help_text=_("Empty: every grade.")
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("producer region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: producers anywhere."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    amount_per_kg = _price_field(_("floor price per kg"))
    reason = models.CharField(
        _("why"), max_length=255, help_text=_("The decision or programme that sets this floor.")
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("protected floor price")
        verbose_name_plural = _("protected floor prices")
        ordering = ["product", "grade", "-valid_from", "pk"]
        indexes = [
            models.Index(
                fields=["product", "valid_from", "valid_until"], name="floor_product_period"
            )
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount_per_kg__gt=0), name="floor_amount_positive"),
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")), name="floor_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} {self.grade} ≥ {self.amount_per_kg}/kg"


class MarketPrice(models.Model):
    """The market reference price of a product (optionally one grade) for a period."""

    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="market_prices",
    )
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    amount_per_kg = _price_field(_("market price per kg"))
    source = models.CharField(_("source"), max_length=255)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("market reference price")
        verbose_name_plural = _("market reference prices")
        ordering = ["product", "grade", "-period_start", "pk"]
        indexes = [
            models.Index(fields=["product", "period_start", "period_end"], name="market_period")
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount_per_kg__gt=0), name="market_amount_positive"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="market_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} {self.grade} {self.amount_per_kg}/kg"


class PriceRule(models.TextChoices):
    MAX_OF_MARKET_AND_FLOOR = "max_market_floor", _("the market price, never below the floor")
    MARKET_PLUS_PERCENT = "market_plus_percent", _("the market price plus a percentage")


class LinePriceRule(models.TextChoices):
    """How a delivered line was priced: a contract's rule, or an accepted quote's price."""

    MAX_OF_MARKET_AND_FLOOR = (
        PriceRule.MAX_OF_MARKET_AND_FLOOR.value,
        PriceRule.MAX_OF_MARKET_AND_FLOOR.label,
    )
    MARKET_PLUS_PERCENT = PriceRule.MARKET_PLUS_PERCENT.value, PriceRule.MARKET_PLUS_PERCENT.label
    QUOTED = "quoted", _("the price of an accepted quote")


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PROPOSED = "proposed", _("proposed to the producer")
    SIGNED = "signed", _("signed by both")
    ACTIVE = "active", _("active")
    COMPLETED = "completed", _("completed")
    TERMINATED = "terminated", _("terminated")


class DeliveryFrequency(models.TextChoices):
    WEEKLY = "weekly", _("weekly")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    ON_REQUEST = "on_request", _("when the enterprise asks")


class Contract(models.Model):
    """A direct-sourcing contract between an enterprise and a producer (a household, a
    cooperative or a base)."""

    number = models.CharField(_("contract number"), max_length=32, unique=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ContractStatus.choices,
        default=ContractStatus.DRAFT,
        db_index=True,
    )
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    price_rule = models.CharField(
        _("price rule"),
        max_length=32,
        choices=PriceRule.choices,
        default=PriceRule.MAX_OF_MARKET_AND_FLOOR,
    )
    price_rule_percent = models.DecimalField(
        _("percentage above market"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    delivery_frequency = models.CharField(
        _("deliveries"),
        max_length=16,
        choices=DeliveryFrequency.choices,
        default=DeliveryFrequency.MONTHLY,
    )
    delivery_site = models.ForeignKey(
        "enterprises.DeliverySite",
        verbose_name=_("delivery site"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    quality_terms = models.TextField(_("quality acceptance terms"))
    payment_terms = models.TextField(_("payment terms"))
    payment_days = models.PositiveSmallIntegerField(_("days to pay after the invoice"), default=30)
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    enterprise_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed for the enterprise by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    enterprise_signed_at = models.DateTimeField(_("enterprise signed at"), null=True, blank=True)
    producer_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed for the producer by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    producer_signed_at = models.DateTimeField(_("producer signed at"), null=True, blank=True)
    ended_reason = models.CharField(_("why it ended"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("direct-sourcing contract")
        verbose_name_plural = _("direct-sourcing contracts")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["enterprise", "status"], name="contract_enterprise_status"),
            models.Index(fields=["producer", "status"], name="contract_producer_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="contract_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(price_rule_percent__gte=0) & Q(price_rule_percent__lte=100),
                name="contract_percent_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["signed", "active", "completed"])
                | (Q(enterprise_signed_at__isnull=False) & Q(producer_signed_at__isnull=False)),
                name="contract_signed_by_both",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class ContractLine(models.Model):
    """One product and grade of a contract: how much over the whole period, and (optionally) the
    contract's own floor, which can only raise the operators' floors."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    quantity = models.PositiveIntegerField(_("units over the period"))
    floor_amount_per_kg = models.DecimalField(
        _("contract floor price per kg"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("contract line")
        verbose_name_plural = _("contract lines")
        ordering = ["contract", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="contractline_quantity_pos"),
            models.UniqueConstraint(
                fields=["contract", "variant", "grade"], name="contractline_unique_variant_grade"
            ),
            models.CheckConstraint(
                condition=Q(floor_amount_per_kg__isnull=True) | Q(floor_amount_per_kg__gt=0),
                name="contractline_floor_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract_id}: {self.variant_id} {self.grade} × {self.quantity}"


class ProcurementOrderStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled, stock set aside")
    ACCEPTED = "accepted", _("accepted")
    PARTIALLY_ACCEPTED = "partially_accepted", _("partly rejected for quality")
    REJECTED = "rejected", _("rejected for quality")
    CANCELLED = "cancelled", _("cancelled")


class ProcurementOrder(models.Model):
    """One delivery drawn down against a contract, or the order of an accepted quote
    (`quote_orders`; no contract, `quote` is the reverse link)."""

    number = models.CharField(_("delivery number"), max_length=32, unique=True)
    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="procurement_orders",
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        related_name="procurement_orders",
    )
    order = models.OneToOneField(
        "orders.Order",
        verbose_name=_("order"),
        on_delete=models.PROTECT,
        related_name="procurement_order",
    )
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=ProcurementOrderStatus.choices,
        default=ProcurementOrderStatus.SCHEDULED,
        db_index=True,
    )
    delivery_date = models.DateField(_("delivery date"))
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    total_amount = _price_field(_("delivered value"), default=Decimal("0"))
    accepted_amount = _price_field(_("amount due"), default=Decimal("0"))
    quality_notes = models.TextField(_("quality notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("procurement order")
        verbose_name_plural = _("procurement orders")
        ordering = ["-delivery_date", "-pk"]
        indexes = [
            models.Index(fields=["enterprise", "created_at"], name="procorder_enterprise_time"),
            models.Index(fields=["producer", "status"], name="procorder_producer_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_amount__gte=0) & Q(accepted_amount__lte=F("total_amount")),
                name="procorder_accepted_within_total",
            )
        ]

    def __str__(self) -> str:
        return self.number


class ProcurementOrderLine(models.Model):
    """What was delivered of one contract line, at what price, whom it benefits, and how much the
    enterprise accepted."""

    procurement_order = models.ForeignKey(
        ProcurementOrder, on_delete=models.CASCADE, related_name="lines"
    )
    contract_line = models.ForeignKey(
        ContractLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delivery_lines",
    )
    order_line = models.OneToOneField(
        "orders.OrderLine", on_delete=models.PROTECT, related_name="procurement_line"
    )
    # denormalised for the pledge and benefit-link reports (one indexed GROUP BY)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="+"
    )
    producer = models.ForeignKey("producers.Producer", on_delete=models.PROTECT, related_name="+")
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    beneficiary_household_ref = models.CharField(
        _("supplying household"), max_length=64, blank=True, db_index=True
    )
    product_name = models.CharField(_("product"), max_length=250)
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    unit_weight_grams = models.PositiveIntegerField(_("unit weight (g)"))
    quantity = models.PositiveIntegerField(_("units delivered"))
    quantity_accepted = models.PositiveIntegerField(_("units accepted"), null=True, blank=True)
    rejection_reason = models.CharField(_("why units were rejected"), max_length=500, blank=True)
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    price_rule = models.CharField(max_length=32, choices=LinePriceRule.choices)
    market_amount_per_kg = _price_field(_("market price per kg"))
    floor_amount_per_kg = _price_field(_("floor price per kg"), null=True, blank=True)
    settlement_amount_per_kg = _price_field(_("settlement price per kg"))
    unit_price_amount = _price_field(_("unit price"))
    total_price_amount = _price_field(_("line value"))
    accepted_amount = _price_field(_("amount due"), default=Decimal("0"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("procurement order line")
        verbose_name_plural = _("procurement order lines")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["enterprise", "created_at"], name="procline_enterprise_time"),
            models.Index(fields=["producer", "created_at"], name="procline_producer_time"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="procline_quantity_positive"),
            models.CheckConstraint(
                condition=Q(quantity_accepted__isnull=True)
                | Q(quantity_accepted__lte=F("quantity")),
                name="procline_accepted_within_quantity",
            ),
            models.CheckConstraint(
                condition=Q(total_price_amount=F("unit_price_amount") * F("quantity")),
                name="procline_total_is_unit_times_quantity",
            ),
            models.CheckConstraint(
                condition=Q(floor_amount_per_kg__isnull=True)
                | Q(settlement_amount_per_kg__gte=F("floor_amount_per_kg")),
                name="procline_settles_at_or_above_floor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_name} {self.grade} × {self.quantity}"

    @property
    def quantity_rejected(self) -> int:
        return 0 if self.quantity_accepted is None else self.quantity - self.quantity_accepted
