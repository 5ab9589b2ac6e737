"""Operators manage pickup points (kind, place, hours, contact, couriers, staff); each save is
audited (`backend.delivery.operations`). Status updates are read-only here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.delivery.models import DeliveryUpdate, PickupPoint, PickupPointStaff
from backend.delivery.operations import (
    record_pickup_point_saved,
    record_pickup_point_staff_changed,
)
from backend.warehouse.admin import ReadOnlyAdmin


class PickupPointStaffInline(admin.TabularInline):
    model = PickupPointStaff
    extra = 0
    fields = ("user", "added_at", "removed_at")
    autocomplete_fields = ("user",)
    verbose_name = _("staff member")
    verbose_name_plural = _("staff (people who record parcels arriving and collected)")


@admin.register(PickupPoint)
class PickupPointAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "opening_hours", "contact_phone", "is_active")
    list_filter = ("kind", "is_active", "couriers")
    search_fields = ("name", "address_detail", "region__full_name", "contact_name")
    autocomplete_fields = ("region",)
    filter_horizontal = ("couriers",)
    list_select_related = ("region",)
    inlines = (PickupPointStaffInline,)
    fieldsets = (
        (None, {"fields": ("kind", "name", "is_active")}),
        (_("Where"), {"fields": ("region", "address_detail")}),
        (
            _("Opening hours and contact"),
            {"fields": ("opening_hours", "contact_name", "contact_phone")},
        ),
        (_("Couriers that call here"), {"fields": ("couriers",)}),
    )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        actor = request.user
        assert isinstance(actor, User)
        if form.changed_data or not change:
            record_pickup_point_saved(
                form.instance, actor=actor, created=not change, changed_fields=form.changed_data
            )
        for formset in formsets:
            if formset.model is PickupPointStaff and formset.has_changed():
                record_pickup_point_staff_changed(
                    form.instance,
                    actor=actor,
                    added=[s.user_id for s in formset.new_objects],
                    changed=[s.user_id for s, _fields in formset.changed_objects],
                    removed=[s.user_id for s in formset.deleted_objects],
                )


@admin.register(DeliveryUpdate)
class DeliveryUpdateAdmin(ReadOnlyAdmin):
    list_display = ("sub_order", "status", "pickup_point_name", "recorded_by", "recorded_at")
    list_filter = ("status",)
    search_fields = ("=sub_order__order__id", "pickup_point_name")
    list_select_related = ("sub_order", "recorded_by")
    date_hierarchy = "recorded_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[DeliveryUpdate]:
        return super().get_queryset(request).select_related("sub_order")
