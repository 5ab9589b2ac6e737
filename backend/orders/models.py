from __future__ import annotations

import uuid
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class OrderStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")
    UNFULFILLED = "unfulfilled", _("Unfulfilled")
    PARTIALLY_FULFILLED = "partially_fulfilled", _("Partially fulfilled")
    FULFILLED = "fulfilled", _("Fulfilled")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
    REFUNDED = "refunded", _("Refunded")


class PaymentStatus(models.TextChoices):
    NOT_CHARGED = "not_charged", _("Not paid")
    FULLY_CHARGED = "fully_charged", _("Paid")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
    FULLY_REFUNDED = "fully_refunded", _("Refunded")


def _money_field(verbose_name: StrOrPromise) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, default=Decimal("0"))


class Order(models.Model):
    """One customer order: what the buyer paid for in one checkout, split into sub-orders."""

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    checkout_token = models.UUIDField(_("checkout token"), unique=True, null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("customer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
    )
    email = models.EmailField(_("email address"), blank=True)
    channel = models.ForeignKey(
        "catalog.Channel", verbose_name=_("channel"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=32, choices=OrderStatus.choices, default=OrderStatus.UNCONFIRMED
    )
    payment_status = models.CharField(
        _("payment status"),
        max_length=32,
        choices=PaymentStatus.choices,
        default=PaymentStatus.NOT_CHARGED,
    )
    # Shipping address snapshot: names as they were at the time of sale.
    recipient_name = models.CharField(_("recipient"), max_length=100)
    mobile = models.CharField(_("mobile number"), max_length=20)
    region_code = models.CharField(_("county code"), max_length=12, blank=True)
    province_name = models.CharField(_("province"), max_length=64)
    city_name = models.CharField(_("city"), max_length=64, blank=True)
    county_name = models.CharField(_("county"), max_length=64)
    address_detail = models.CharField(_("street address"), max_length=255)
    shipping_method_name = models.CharField(_("delivery method"), max_length=100)
    # The pickup point the buyer chose instead of the door, as it was at the time of sale.
    pickup_point = models.ForeignKey(
        "delivery.PickupPoint",
        verbose_name=_("pickup point"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
    )
    pickup_point_name = models.CharField(_("pickup point"), max_length=100, blank=True)
    pickup_point_address = models.CharField(_("pickup point address"), max_length=400, blank=True)
    pickup_point_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    pickup_point_phone = models.CharField(_("pickup point phone"), max_length=30, blank=True)
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    subtotal_amount = _money_field(_("subtotal"))
    shipping_amount = _money_field(_("shipping"))
    total_amount = _money_field(_("total"))
    created_at = models.DateTimeField(_("placed at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "created_at"], name="order_user_created")]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_amount=F("subtotal_amount") + F("shipping_amount")),
                name="order_total_is_subtotal_plus_shipping",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"


class SubOrder(models.Model):
    """The part of an order one producer ships and is paid for."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="sub_orders")
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        related_name="sub_orders",
    )
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=OrderStatus.choices,
        default=OrderStatus.UNCONFIRMED,
        db_index=True,
    )
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    subtotal_amount = _money_field(_("subtotal"))
    shipping_amount = _money_field(_("shipping"))
    total_amount = _money_field(_("total"))
    refunded_amount = _money_field(_("refunded"))
    weight_grams = models.PositiveIntegerField(_("weight (g)"), default=0)
    needs_cold_chain = models.BooleanField(_("shipped cold"), default=False)
    # Set once when the buyer has the parcel (received, or collected at a pickup point); see
    # `backend.delivery.delivered`.
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sub-order")
        verbose_name_plural = _("sub-orders")
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["producer", "status"], name="suborder_producer_status")]
        constraints = [
            models.UniqueConstraint(fields=["order", "producer"], name="suborder_unique_producer"),
            models.CheckConstraint(
                condition=Q(total_amount=F("subtotal_amount") + F("shipping_amount")),
                name="suborder_total_is_subtotal_plus_shipping",
            ),
            models.CheckConstraint(
                condition=Q(refunded_amount__gte=0) & Q(refunded_amount__lte=F("total_amount")),
                name="suborder_refund_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.order_id}-{self.producer_id}"


class OrderLine(models.Model):
    """What was bought, as it was at the time of sale, and whom the sale benefits."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    sub_order = models.ForeignKey(SubOrder, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_lines",
    )
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, related_name="order_lines"
    )
    # The supplying household of a cooperative or enterprise-run shop, when known. Free text id
    # until the programme-records issue adds a Household model.
    beneficiary_household_ref = models.CharField(
        _("supplying household"), max_length=64, blank=True, db_index=True
    )
    product_name = models.CharField(_("product"), max_length=250)
    variant_name = models.CharField(_("variant"), max_length=255, blank=True)
    product_sku = models.CharField(_("SKU"), max_length=255, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    quantity_fulfilled = models.PositiveIntegerField(_("quantity shipped"), default=0)
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    unit_price_amount = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)
    total_price_amount = models.DecimalField(_("line total"), max_digits=12, decimal_places=2)
    weight_grams = models.PositiveIntegerField(_("unit weight (g)"), default=0)
    is_fresh = models.BooleanField(_("fresh goods"), default=False)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["pk"]
        indexes = [models.Index(fields=["producer", "order"], name="orderline_producer_order")]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="orderline_quantity_positive"),
            models.CheckConstraint(
                condition=Q(quantity_fulfilled__lte=F("quantity")),
                name="orderline_fulfilled_within_quantity",
            ),
            models.CheckConstraint(
                condition=Q(total_price_amount=F("unit_price_amount") * F("quantity")),
                name="orderline_total_is_unit_times_quantity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_name} {self.variant_name} × {self.quantity}"

    @property
    def quantity_unfulfilled(self) -> int:
        return self.quantity - self.quantity_fulfilled


class Fulfillment(models.Model):
    """One parcel a producer sent, with carrier and tracking number."""

    sub_order = models.ForeignKey(SubOrder, on_delete=models.CASCADE, related_name="fulfillments")
    carrier = models.CharField(_("carrier"), max_length=100)
    tracking_number = models.CharField(_("tracking number"), max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.carrier} {self.tracking_number}"


class FulfillmentLine(models.Model):
    fulfillment = models.ForeignKey(Fulfillment, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        OrderLine, on_delete=models.CASCADE, related_name="fulfillment_lines"
    )
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="fulfillmentline_quantity_positive"
            )
        ]


class OrderEventType(models.TextChoices):
    PLACED = "placed", _("Order placed")
    CONFIRMED = "confirmed", _("Confirmed")
    STATUS_CHANGED = "status_changed", _("Status changed")
    PAYMENT_CAPTURED = "payment_captured", _("Payment received")
    PAYMENT_REFUNDED = "payment_refunded", _("Payment refunded")
    FULFILLED = "fulfilled", _("Shipped")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Payment window expired")
    EMAIL_SENT = "email_sent", _("E-mail sent")


class OrderEvent(models.Model):
    """Append-only history of an order: what happened, who did it and when."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    sub_order = models.ForeignKey(
        SubOrder, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    type = models.CharField(_("type"), max_length=32, choices=OrderEventType.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    date = models.DateTimeField(default=timezone.now, db_index=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.type} @ {self.date:%Y-%m-%d %H:%M}"
