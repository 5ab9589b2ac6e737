"""Who may act for a seller (a Producer), and for which operators' regions.

- `SellerMembership`: a user who owns the shop alongside `Producer.owner` (a household's
  members, say). Owners may do everything, including granting helpers and confirming
  money-affecting actions.
- `HelperGrant`: a helper (volunteer 志愿者, federation worker 残疾人专职委员, family member,
  mentor) allowed to act for the shop within a scope (products, orders, all), until revoked.
  Revoked grants stay as history: the activity list still names who acted.
- `OperatorScope`: a staff user's region (a county federation reviews only its county; a city
  operator covers the city's counties; no region means all of China).
- `ConfirmationRequest`: a money-affecting action a helper prepared, waiting for the seller's
  own confirmation.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("owner")


class SellerMembership(models.Model):
    seller = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("seller"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="seller_memberships",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.OWNER
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("seller member")
        verbose_name_plural = _("seller members")
        ordering = ["seller", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["seller", "user"], name="seller_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.seller}"


class HelperKind(models.TextChoices):
    VOLUNTEER = "volunteer", _("volunteer (志愿者)")
    FEDERATION_WORKER = "federation_worker", _("disability federation worker (残疾人专职委员)")
    FAMILY_MEMBER = "family_member", _("family member")
    MENTOR = "mentor", _("incubation mentor")


class HelperScope(models.TextChoices):
    PRODUCTS = "products", _("products and stock")
    ORDERS = "orders", _("orders")
    ALL = "all", _("everything (money actions still need the seller's confirmation)")


class HelperGrantQuerySet(models.QuerySet["HelperGrant"]):
    def active(self) -> HelperGrantQuerySet:
        return self.filter(revoked_at__isnull=True, helper__is_active=True)


class HelperGrant(models.Model):
    seller = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("seller"),
        on_delete=models.CASCADE,
        related_name="helper_grants",
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("helper"),
        on_delete=models.PROTECT,
        related_name="helper_grants",
    )
    kind = models.CharField(_("kind of helper"), max_length=32, choices=HelperKind.choices)
    scope = models.CharField(_("may work on"), max_length=16, choices=HelperScope.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects: ClassVar[HelperGrantQuerySet] = HelperGrantQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("helper")
        verbose_name_plural = _("helpers")
        ordering = ["seller", "-granted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["seller", "helper"],
                condition=Q(revoked_at__isnull=True),
                name="helper_grant_one_active_per_helper",
            )
        ]
        indexes = [models.Index(fields=["helper", "seller"], name="helper_grant_helper_seller")]

    def __str__(self) -> str:
        return f"{self.helper} → {self.seller} ({self.get_scope_display()})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class OperatorScope(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("operator"),
        on_delete=models.CASCADE,
        related_name="operator_scopes",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="operator_scopes",
        help_text=_("Leave empty for platform staff who cover the whole country."),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)

    class Meta:
        verbose_name = _("operator region")
        verbose_name_plural = _("operator regions")
        ordering = ["user", "region", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region"], name="operator_scope_unique", nulls_distinct=False
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.region or _('all of China')}"


class ConfirmationStatus(models.TextChoices):
    PENDING = "pending", _("waiting for the seller")
    CONFIRMED = "confirmed", _("confirmed by the seller")
    DECLINED = "declined", _("declined by the seller")


class ConfirmationRequest(models.Model):
    seller = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("seller"),
        on_delete=models.CASCADE,
        related_name="confirmation_requests",
    )
    action = models.CharField(_("action"), max_length=40)
    summary = models.CharField(_("what will happen"), max_length=255)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ConfirmationStatus.choices,
        default=ConfirmationStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("confirmation request")
        verbose_name_plural = _("confirmation requests")
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["seller", "status", "requested_at"], name="confirmation_seller")
        ]

    def __str__(self) -> str:
        return self.summary
