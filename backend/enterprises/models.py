"""Enterprises: the organisations that buy in bulk (e-commerce firms, agricultural leading
enterprises, canteens, unions, public bodies), their members and delivery sites.

An enterprise must be verified by an operator before it can sign contracts. Its unified social
credit code (统一社会信用代码) is checked by `backend.enterprises.credit_code`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnterpriseKind(models.TextChoices):
    ECOMMERCE = "ecommerce", _("e-commerce company")
    LEADING_AGRICULTURAL = "leading_agricultural", _("leading agricultural enterprise")
    CANTEEN = "canteen", _("canteen operator")
    UNION = "union", _("trade union")
    PUBLIC_BODY = "public_body", _("public body")
    OTHER = "other", _("other enterprise")


class EnterpriseStatus(models.TextChoices):
    PENDING = "pending", _("waiting for verification")
    VERIFIED = "verified", _("verified")
    REJECTED = "rejected", _("not verified")
    SUSPENDED = "suspended", _("suspended")


class Enterprise(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=EnterpriseKind.choices)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, help_text=_("18 characters")
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    address_detail = models.CharField(_("address"), max_length=255, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=100, blank=True)
    contact_mobile = models.CharField(_("contact mobile number"), max_length=20, blank=True)
    # invoice (发票) details
    invoice_title = models.CharField(_("invoice title"), max_length=200, blank=True)
    invoice_bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    invoice_bank_account = models.CharField(_("bank account"), max_length=40, blank=True)
    invoice_address = models.CharField(_("invoice address"), max_length=255, blank=True)
    invoice_phone = models.CharField(_("invoice phone"), max_length=30, blank=True)
    # operator verification
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EnterpriseStatus.choices,
        default=EnterpriseStatus.PENDING,
        db_index=True,
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.status == EnterpriseStatus.VERIFIED


class EnterpriseRole(models.TextChoices):
    ADMIN = "admin", _("administrator")
    BUYER = "buyer", _("buyer")
    APPROVER = "approver", _("approver")
    FINANCE = "finance", _("finance")
    STAFF = "staff", _("staff member")  # personal purchases credited to the pledge


class EnterpriseMember(models.Model):
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="enterprise_memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=EnterpriseRole.choices)
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("enterprise member")
        verbose_name_plural = _("enterprise members")
        ordering = ["enterprise", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "user", "role"],
                condition=Q(removed_at__isnull=True),
                name="enterprise_member_one_live_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) @ {self.enterprise}"


class DeliverySite(models.Model):
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="delivery_sites",
    )
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("county"), on_delete=models.PROTECT, related_name="+"
    )
    address_detail = models.CharField(_("street address"), max_length=255)
    contact_name = models.CharField(_("contact name"), max_length=100)
    contact_mobile = models.CharField(_("contact mobile number"), max_length=20)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("delivery site")
        verbose_name_plural = _("delivery sites")
        ordering = ["enterprise", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.enterprise} — {self.name}"


class PledgeKind(models.TextChoices):
    AMOUNT = "amount", _("an amount")
    SHARE = "share", _("a share of food purchasing")


class Pledge(models.Model):
    """An annual purchase pledge (the 832 platform model): an amount, or a share of the year's
    food purchasing (`base_amount` × `share_percent` / 100, as budget units reserve 10%)."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="pledges"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=8, choices=PledgeKind.choices)
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    amount = models.DecimalField(
        _("pledged amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    share_percent = models.DecimalField(
        _("share (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    base_amount = models.DecimalField(
        _("food purchasing of the year"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declared by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-year", "enterprise", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="pledge_one_per_year"),
            models.CheckConstraint(
                condition=Q(kind="amount", amount__gt=0, share_percent__isnull=True)
                | Q(
                    kind="share",
                    amount__isnull=True,
                    share_percent__gt=0,
                    share_percent__lte=100,
                    base_amount__gt=0,
                ),
                name="pledge_amount_or_share",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.year}"

    @property
    def target_amount(self) -> Decimal:
        if self.kind == PledgeKind.AMOUNT:
            return self.amount or Decimal("0")
        share = (self.base_amount or Decimal("0")) * (self.share_percent or Decimal("0"))
        return (share / Decimal("100")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class BenefitKind(models.TextChoices):
    BUYS_FROM = "buys_from", _("buys their products")
    EMPLOYS = "employs", _("employs disabled people")
    BUYS_INPUTS = "buys_inputs", _("buys farming inputs for them")
    PAYS_BILLS = "pays_bills", _("pays bills for them")


class BenefitLinkStatus(models.TextChoices):
    PENDING = "pending", _("waiting for an operator")
    VERIFIED = "verified", _("verified")
    REJECTED = "rejected", _("not verified")


class BenefitLink(models.Model):
    """A benefit link (利益联结) entered by an operator: employment of disabled people, inputs
    bought or bills paid for households. "Buys from" links are never entered: they are derived
    from purchases (`backend.enterprises.benefit_links`)."""

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="benefit_links",
    )
    kind = models.CharField(
        _("how it benefits"),
        max_length=16,
        choices=[c for c in BenefitKind.choices if c[0] != BenefitKind.BUYS_FROM],
    )
    year = models.PositiveSmallIntegerField(_("year"))
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer or household shop"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    household_ref = models.CharField(_("household"), max_length=64, blank=True)
    disabled_employee_count = models.PositiveIntegerField(_("disabled employees"), default=0)
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, default=Decimal("0"))
    description = models.CharField(_("description"), max_length=500)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=BenefitLinkStatus.choices,
        default=BenefitLinkStatus.PENDING,
        db_index=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("benefit link")
        verbose_name_plural = _("benefit links")
        ordering = ["enterprise", "-year", "kind", "pk"]
        indexes = [models.Index(fields=["enterprise", "year"], name="benefitlink_enterprise_year")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="employs") | Q(disabled_employee_count__gt=0),
                name="benefitlink_employs_has_count",
            ),
            models.CheckConstraint(
                condition=Q(kind="employs") | Q(amount__gt=0),
                name="benefitlink_money_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.kind} {self.year}"
