"""Pickup points (村级服务站, 乡镇服务站, 县级服务中心), their staff, and the status updates of a
parcel on its way to the buyer.

A pickup point sits in a region (a village, township or county `Region`); operators manage it in
the admin. The couriers that call there are shipping methods (`checkout.ShippingMethod`): a
buyer may have parcels sent to a point only by a courier that calls there, and a seller may drop
parcels there for those couriers to take.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PickupPointKind(models.TextChoices):
    VILLAGE_STATION = "village_station", _("village service station")
    TOWNSHIP_STATION = "township_station", _("township service station")
    COUNTY_CENTRE = "county_centre", _("county service centre")


class PickupPoint(models.Model):
    kind = models.CharField(_("kind"), max_length=32, choices=PickupPointKind.choices)
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("village, township or county"),
        on_delete=models.PROTECT,
        related_name="pickup_points",
    )
    address_detail = models.CharField(_("street address"), max_length=255)
    opening_hours = models.CharField(
        _("opening hours"), max_length=200, help_text=_("For example: Mon–Sat 8:00–18:00")
    )
    contact_name = models.CharField(_("contact name"), max_length=100)
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    couriers = models.ManyToManyField(
        "checkout.ShippingMethod",
        verbose_name=_("couriers that call here"),
        related_name="pickup_points",
        blank=True,
    )
    is_active = models.BooleanField(_("active"), default=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pickup point")
        verbose_name_plural = _("pickup points")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="pickup_point_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def full_address(self) -> str:
        return f"{self.region.full_name or self.region.name} {self.address_detail}".strip()


class PickupPointStaff(models.Model):
    """A person who works at a pickup point and records parcels arriving and collected."""

    pickup_point = models.ForeignKey(
        PickupPoint, verbose_name=_("pickup point"), on_delete=models.CASCADE, related_name="staff"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="pickup_point_roles",
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("pickup point staff member")
        verbose_name_plural = _("pickup point staff")
        ordering = ["pickup_point", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pickup_point", "user"],
                condition=Q(removed_at__isnull=True),
                name="pickup_point_staff_one_live_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.pickup_point}"


class DeliveryStatus(models.TextChoices):
    DISPATCHED = "dispatched", _("Dispatched")
    DROPPED_AT_PICKUP_POINT = "dropped_off", _("Dropped off at a pickup point")
    AT_PICKUP_POINT = "at_pickup_point", _("Ready at the pickup point")
    COLLECTED = "collected", _("Collected")
    DELIVERED = "delivered", _("Received by the buyer")


# Statuses after which the sub-order counts as delivered (see `backend.delivery.delivered`).
DELIVERED_STATUSES = frozenset({DeliveryStatus.COLLECTED, DeliveryStatus.DELIVERED})


class DeliveryUpdate(models.Model):
    """One step of a parcel's journey, entered by the shop's people or a pickup point's staff.

    Append-only; the audit log has a row for each (`DELIVERY_UPDATE_RECORDED`).
    """

    sub_order = models.ForeignKey(
        "orders.SubOrder",
        verbose_name=_("sub-order"),
        on_delete=models.CASCADE,
        related_name="delivery_updates",
    )
    fulfillment = models.ForeignKey(
        "orders.Fulfillment",
        verbose_name=_("shipment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delivery_updates",
    )
    status = models.CharField(_("status"), max_length=32, choices=DeliveryStatus.choices)
    pickup_point = models.ForeignKey(
        PickupPoint,
        verbose_name=_("pickup point"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delivery_updates",
    )
    # Name of the point at the time, so the timeline reads the same if the point is renamed.
    pickup_point_name = models.CharField(_("pickup point name"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("delivery update")
        verbose_name_plural = _("delivery updates")
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["sub_order", "recorded_at"], name="delivery_update_sub")]

    def __str__(self) -> str:
        return f"{self.sub_order_id}: {self.status}"
