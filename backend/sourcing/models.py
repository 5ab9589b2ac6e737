"""Bulk purchase requests (一亩田-style matchmaking) and the producers' quotes.

An enterprise posts what it wants to buy (product, grade, quantity in kilograms or in units,
preferred region, deadline for quotes, where to deliver). Producers in the region (and, when a
category is given, with products in it) are invited: an in-portal notice (`QuoteInvitation`)
and an e-mail. A producer answers with a quote in units of one of its own product variants at a
price per unit; `fill_quantity` is what the quote covers in the request's unit (units, or
units × the variant's weight in kilograms). The enterprise accepts several quotes, each in full
or in part, while the accepted fills stay within the requested quantity.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RequestUnit(models.TextChoices):
    KG = "kg", _("kilograms")
    UNIT = "unit", _("units (pieces, boxes, bags)")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("open for quotes")
    FILLED = "filled", _("filled")
    CLOSED = "closed", _("closed")
    CANCELLED = "cancelled", _("cancelled")


class PurchaseRequest(models.Model):
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="purchase_requests",
    )
    product_name = models.CharField(_("product"), max_length=200)
    category = models.ForeignKey(
        "catalog.Category",
        verbose_name=_("category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=8, choices=RequestUnit.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("preferred region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: producers anywhere."),
    )
    deadline = models.DateField(_("quotes until"))
    delivery_site = models.ForeignKey(
        "enterprises.DeliverySite",
        verbose_name=_("delivery site"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    notes = models.TextField(_("notes for producers"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("purchase request")
        verbose_name_plural = _("purchase requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["enterprise", "status"], name="purchreq_enterprise_status")]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="purchreq_quantity_positive")
        ]

    def __str__(self) -> str:
        return f"{self.product_name} {self.grade} × {self.quantity} {self.unit}"

    def is_open_on(self, day: object) -> bool:
        return self.status == RequestStatus.OPEN and self.deadline >= day  # type: ignore[operator]


class QuoteInvitation(models.Model):
    """The in-portal notice to one producer about one request (and when it was e-mailed)."""

    request = models.ForeignKey(
        PurchaseRequest, on_delete=models.CASCADE, related_name="invitations"
    )
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.CASCADE, related_name="quote_invitations"
    )
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("quote invitation")
        verbose_name_plural = _("quote invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "producer"], name="invitation_unique")
        ]
        indexes = [models.Index(fields=["producer", "created_at"], name="invitation_producer")]


class QuoteStatus(models.TextChoices):
    SUBMITTED = "submitted", _("waiting for the enterprise")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("not accepted")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Quote(models.Model):
    request = models.ForeignKey(PurchaseRequest, on_delete=models.CASCADE, related_name="quotes")
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        related_name="quotes",
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    units = models.PositiveIntegerField(_("units offered"))
    unit_weight_grams = models.PositiveIntegerField(_("unit weight (g)"), null=True, blank=True)
    fill_quantity = models.DecimalField(
        _("quantity in the request's unit"), max_digits=12, decimal_places=3
    )
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    unit_price_amount = models.DecimalField(_("price per unit"), max_digits=12, decimal_places=2)
    available_on = models.DateField(_("can deliver on"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=QuoteStatus.choices, default=QuoteStatus.SUBMITTED
    )
    units_accepted = models.PositiveIntegerField(_("units accepted"), default=0)
    fill_accepted = models.DecimalField(
        _("accepted quantity in the request's unit"),
        max_digits=12,
        decimal_places=3,
        default=Decimal("0"),
    )
    # the procurement order an accepted quote became (procurement's services)
    procurement_order = models.OneToOneField(
        "procurement.ProcurementOrder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quote",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["unit_price_amount", "created_at", "pk"]
        indexes = [
            models.Index(fields=["producer", "created_at"], name="quote_producer_time"),
            models.Index(fields=["request", "status"], name="quote_request_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(units__gt=0), name="quote_units_positive"),
            models.CheckConstraint(
                condition=Q(unit_price_amount__gt=0), name="quote_price_positive"
            ),
            models.CheckConstraint(
                condition=Q(units_accepted__lte=F("units")), name="quote_accepted_within_units"
            ),
            models.CheckConstraint(
                condition=Q(status="accepted", units_accepted__gt=0)
                | (~Q(status="accepted") & Q(units_accepted=0)),
                name="quote_accepted_units_match_status",
            ),
            models.UniqueConstraint(
                fields=["request", "producer", "variant"],
                condition=Q(status="submitted"),
                name="quote_one_live_per_variant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.producer_id}: {self.units} × {self.unit_price_amount}"

    @property
    def total_amount(self) -> Decimal:
        return self.unit_price_amount * self.units

    @property
    def accepted_amount(self) -> Decimal:
        return self.unit_price_amount * self.units_accepted
