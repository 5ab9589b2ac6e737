from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Warehouse(models.Model):
    """Where a producer's (or a county hub's) stock is kept and shipped from."""

    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="warehouses",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="warehouses",
    )
    address_detail = models.CharField(_("address"), max_length=255, blank=True)
    is_cold_chain = models.BooleanField(_("cold storage"), default=False)

    class Meta:
        verbose_name = _("warehouse")
        verbose_name_plural = _("warehouses")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name


class Stock(models.Model):
    warehouse = models.ForeignKey(Warehouse, on_delete=models.CASCADE, related_name="stocks")
    product_variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="stocks"
    )
    quantity = models.IntegerField(_("quantity on hand"), default=0)
    quantity_allocated = models.IntegerField(_("quantity allocated"), default=0)

    class Meta:
        verbose_name = _("stock")
        verbose_name_plural = _("stock")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["warehouse", "product_variant"], name="stock_unique_variant_warehouse"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=0), name="stock_quantity_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(quantity_allocated__gte=0), name="stock_allocated_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(quantity_allocated__lte=F("quantity")),
                name="stock_allocated_within_quantity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_variant} @ {self.warehouse}: {self.quantity}"

    @property
    def quantity_available(self) -> int:
        return max(self.quantity - self.quantity_allocated, 0)


class Allocation(models.Model):
    """Stock set aside for an order line until it ships (then `decrease_stock`) or is cancelled."""

    order_line = models.ForeignKey(
        "orders.OrderLine", on_delete=models.CASCADE, related_name="allocations"
    )
    stock = models.ForeignKey(Stock, on_delete=models.CASCADE, related_name="allocations")
    quantity_allocated = models.PositiveIntegerField(_("quantity allocated"), default=0)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["order_line", "stock"], name="allocation_unique_line"),
        ]

    def __str__(self) -> str:
        return f"{self.order_line_id} ← {self.stock_id}: {self.quantity_allocated}"


class Reservation(models.Model):
    """Stock held for a checkout line while the buyer is in checkout, until `reserved_until`."""

    checkout_line = models.ForeignKey(
        "checkout.CheckoutLine", on_delete=models.CASCADE, related_name="reservations"
    )
    stock = models.ForeignKey(Stock, on_delete=models.CASCADE, related_name="reservations")
    quantity_reserved = models.PositiveIntegerField(_("quantity reserved"))
    reserved_until = models.DateTimeField(_("reserved until"), db_index=True)

    class Meta:
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["checkout_line", "stock"], name="reservation_unique_line"
            ),
            models.CheckConstraint(
                condition=Q(quantity_reserved__gt=0), name="reservation_quantity_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["stock", "reserved_until"], name="reservation_stock_until"),
        ]

    def __str__(self) -> str:
        return f"{self.checkout_line_id} ← {self.stock_id}: {self.quantity_reserved}"
