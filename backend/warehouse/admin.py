"""Admin for warehouses and stock. Allocated quantities are shown, never edited here:
checkout and orders own them (and CHECK constraints guard them)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from backend.regions.admin import province_list_filter
from backend.warehouse.models import Stock, Warehouse


@admin.register(Warehouse)
class WarehouseAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "producer", "region", "is_cold_chain")
    list_filter = ("is_cold_chain", province_list_filter("region"))
    search_fields = ("name", "slug", "producer__name")
    list_select_related = ("producer", "region")
    autocomplete_fields = ("producer", "region")


@admin.register(Stock)
class StockAdmin(admin.ModelAdmin):
    list_display = (
        "sku",
        "product_name",
        "warehouse",
        "quantity",
        "quantity_allocated",
        "available",
    )
    list_filter = ("warehouse__is_cold_chain", province_list_filter("warehouse__region"))
    search_fields = (
        "=product_variant__sku",
        "product_variant__product__name",
        "warehouse__name",
    )
    list_select_related = ("product_variant__product", "warehouse")
    autocomplete_fields = ("product_variant", "warehouse")
    readonly_fields = ("quantity_allocated",)
    show_full_result_count = False

    @admin.display(description=_("SKU"), ordering="product_variant__sku")
    def sku(self, obj: Stock) -> str:
        return obj.product_variant.sku or "—"

    @admin.display(description=_("product"), ordering="product_variant__product__name")
    def product_name(self, obj: Stock) -> str:
        return obj.product_variant.product.name

    @admin.display(description=_("available"))
    def available(self, obj: Stock) -> int:
        return obj.quantity_available
