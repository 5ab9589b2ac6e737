"""Enterprises: the organisations that buy in bulk (e-commerce firms, agricultural leading
enterprises, canteens, unions, public bodies), their members and delivery sites.

An enterprise must be verified by an operator before it can sign contracts. Its unified social
credit code (统一社会信用代码) is checked by `backend.enterprises.credit_code`.
"""

from __future__ import annotations

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
