"""Batches in the admin: read-only (producers record them in the seller portal)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from backend.traceability.models import Batch, BatchAllocation


class BatchAllocationInline(admin.TabularInline):
    model = BatchAllocation
    extra = 0
    fields = ("order_line", "quantity", "created_at")
    readonly_fields = ("order_line", "quantity", "created_at")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    list_display = ["code", "seller", "variant", "made_on", "quantity", "quantity_allocated"]
    list_select_related = ["seller", "variant__product"]
    search_fields = ["code", "seller__name", "variant__product__name"]
    readonly_fields = [f.name for f in Batch._meta.fields]
    inlines = [BatchAllocationInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
