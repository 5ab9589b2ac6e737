from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class PaymentState(models.TextChoices):
    PENDING = "pending", _("Waiting for payment")
    CHARGED = "charged", _("Paid")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
    REFUNDED = "refunded", _("Refunded")
    CANCELLED = "cancelled", _("Cancelled")


def _amount(verbose_name: StrOrPromise) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, default=Decimal("0"))


class Payment(models.Model):
    """The buyer's payment for one order, through one gateway."""

    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="payments")
    gateway = models.CharField(_("payment method"), max_length=64)
    state = models.CharField(
        _("state"), max_length=32, choices=PaymentState.choices, default=PaymentState.PENDING
    )
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    amount = _amount(_("amount"))
    captured_amount = _amount(_("received"))
    refunded_amount = _amount(_("refunded"))
    psp_reference = models.CharField(_("provider reference"), max_length=255, blank=True)
    expires_at = models.DateTimeField(_("pay before"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(captured_amount__gte=0) & Q(captured_amount__lte=F("amount")),
                name="payment_captured_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(refunded_amount__gte=0) & Q(refunded_amount__lte=F("captured_amount")),
                name="payment_refund_within_captured",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gateway} {self.amount} {self.currency} ({self.state})"


class TransactionKind(models.TextChoices):
    AUTH = "auth", _("Payment started")
    CAPTURE = "capture", _("Payment received")
    REFUND = "refund", _("Refund")
    CANCEL = "cancel", _("Cancelled")


class PaymentTransaction(models.Model):
    """Append-only record of each money movement or gateway answer on a payment."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="transactions")
    kind = models.CharField(_("kind"), max_length=16, choices=TransactionKind.choices)
    amount = _amount(_("amount"))
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    psp_reference = models.CharField(_("provider reference"), max_length=255, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("payment transaction")
        verbose_name_plural = _("payment transactions")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} {self.currency}"


class LedgerEntryKind(models.TextChoices):
    SALE = "sale", _("Sale")
    REFUND = "refund", _("Refund reversal")


class ProducerLedgerEntry(models.Model):
    """What the platform owes a producer for one paid sub-order, or takes back on a refund.

    The fee rate is frozen at the time of the entry; `net = gross - fee` for every row (CHECK),
    reversals carry negative amounts. An entry belongs to at most one payout.
    """

    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, related_name="ledger_entries"
    )
    sub_order = models.ForeignKey(
        "orders.SubOrder", on_delete=models.PROTECT, related_name="ledger_entries"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=LedgerEntryKind.choices)
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    gross_amount = models.DecimalField(_("gross"), max_digits=12, decimal_places=2)
    fee_rate = models.DecimalField(_("platform fee rate"), max_digits=6, decimal_places=4)
    fee_amount = models.DecimalField(_("platform fee"), max_digits=12, decimal_places=2)
    net_amount = models.DecimalField(_("owed to producer"), max_digits=12, decimal_places=2)
    payout = models.ForeignKey(
        "payments.Payout",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("producer ledger entry")
        verbose_name_plural = _("producer ledger entries")
        ordering = ["pk"]
        indexes = [models.Index(fields=["producer", "payout"], name="ledger_producer_payout")]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_order"],
                condition=Q(kind="sale"),
                name="ledger_one_sale_per_sub_order",
            ),
            models.CheckConstraint(
                condition=Q(net_amount=F("gross_amount") - F("fee_amount")),
                name="ledger_net_is_gross_minus_fee",
            ),
            models.CheckConstraint(
                condition=Q(fee_rate__gte=0) & Q(fee_rate__lte=1), name="ledger_fee_rate_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.net_amount} {self.currency}"


class PayoutRun(models.Model):
    """One batch of payouts made by an operator."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    total_amount = _amount(_("total paid"))

    class Meta:
        verbose_name = _("payout run")
        verbose_name_plural = _("payout runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"payout run {self.pk}"


class Payout(models.Model):
    """What one producer was paid in a payout run: the sum of its entries' net amounts."""

    run = models.ForeignKey(PayoutRun, on_delete=models.PROTECT, related_name="payouts")
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, related_name="payouts"
    )
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "producer"], name="payout_unique_producer"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.producer_id}: {self.amount} {self.currency}"


class StripeEvent(models.Model):
    """Each Stripe webhook event id, stored in the transaction that applies it: once only."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    payment = models.ForeignKey(
        Payment, on_delete=models.SET_NULL, null=True, blank=True, related_name="stripe_events"
    )
    stripe_created = models.BigIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=64, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
