"""Batches (溯源): what a producer harvested or made, where and when, with its certificates, and
which order lines shipped from it.

`Batch.quantity_allocated` is the running total of its `BatchAllocation` rows, kept by
`backend.traceability.allocation` under row locks; a CHECK constraint makes the database refuse
a batch that would ship more than it holds, whatever code path tries.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.traceability.storage import certificate_storage


class DateKind(models.TextChoices):
    HARVEST = "harvest", _("Harvested on")
    PRODUCTION = "production", _("Made on")


class Batch(models.Model):
    seller = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("seller"),
        on_delete=models.PROTECT,
        related_name="batches",
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="batches",
    )
    code = models.CharField(_("batch code"), max_length=16, unique=True, editable=False)
    date_kind = models.CharField(
        _("kind of date"), max_length=16, choices=DateKind.choices, default=DateKind.HARVEST
    )
    made_on = models.DateField(_("harvest or production date"))
    origin = models.ForeignKey(
        "regions.Region",
        verbose_name=_("place of origin"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    grade = models.CharField(_("grade"), max_length=50, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    quantity_allocated = models.PositiveIntegerField(_("quantity shipped or packed"), default=0)
    notes = models.TextField(_("how it was grown or made"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("taken offline at"), null=True, blank=True)

    class Meta:
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        ordering = ["-made_on", "-pk"]
        indexes = [
            models.Index(fields=["seller", "variant", "made_on"], name="batch_seller_variant_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="batch_quantity_positive"),
            models.CheckConstraint(
                condition=Q(quantity_allocated__lte=F("quantity")),
                name="batch_allocated_within_quantity",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def quantity_left(self) -> int:
        return self.quantity - self.quantity_allocated

    @property
    def is_public(self) -> bool:
        return self.withdrawn_at is None


class CertificateKind(models.TextChoices):
    COMPLIANCE = "compliance", _("Certificate of compliance (合格证)")
    TEST_REPORT = "test_report", _("Test report (检测报告)")
    OTHER = "other", _("Other certificate")


class BatchCertificate(models.Model):
    """A certificate or test report shown on the public batch page.

    Stored outside MEDIA_ROOT under a random name and served only by the batch page's view,
    so taking a batch offline takes its files offline at once. Photos are re-encoded without
    their metadata (EXIF, GPS); the uploader confirms the document shows no identity number,
    mobile number or home address (see `backend.traceability.certificates`).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("kind"), max_length=16, choices=CertificateKind.choices)
    file = models.FileField(storage=certificate_storage, upload_to="certificates", max_length=200)
    extension = models.CharField(max_length=8)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    issued_by = models.CharField(_("issued by"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("batch certificate")
        verbose_name_plural = _("batch certificates")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.batch_id} {self.kind}"


class BatchAllocation(models.Model):
    """Units of one order line that came from one batch (a line may span batches)."""

    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="allocations")
    order_line = models.ForeignKey(
        "orders.OrderLine", on_delete=models.CASCADE, related_name="batch_allocations"
    )
    quantity = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("batch allocation")
        verbose_name_plural = _("batch allocations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["order_line", "batch"], name="batchalloc_unique_line"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="batchalloc_qty_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id} × {self.quantity}"
