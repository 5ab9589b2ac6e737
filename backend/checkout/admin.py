"""Admin for checkouts (read-only: buyers' carts are changed by the checkout services only) and
for shipping methods with their rates (configuration an operator maintains)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.checkout.models import (
    Checkout,
    CheckoutLine,
    FreeShippingThreshold,
    ShippingMethod,
    ShippingRate,
    ShippingRule,
)
from backend.delivery.operations import record_shipping_rule_saved
from backend.warehouse.admin import ReadOnlyAdmin, ReadOnlyInline


class CheckoutLineInline(ReadOnlyInline):
    model = CheckoutLine
    fields = ("sku", "product_name", "quantity", "created_at")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[CheckoutLine]:
        return super().get_queryset(request).select_related("variant__product")

    @admin.display(description=_("SKU"))
    def sku(self, obj: CheckoutLine) -> str:
        return obj.variant.sku or "—"

    @admin.display(description=_("product"))
    def product_name(self, obj: CheckoutLine) -> str:
        return f"{obj.variant.product.name} {obj.variant.name}".strip()


@admin.register(Checkout)
class CheckoutAdmin(ReadOnlyAdmin):
    list_display = (
        "token",
        "buyer",
        "channel",
        "line_count",
        "delivery_method",
        "has_shipping_address",
        "last_change",
    )
    list_filter = ("channel", "delivery_method")
    search_fields = ("token__exact", "email", "user__email", "=lines__variant__sku")
    list_select_related = ("user", "channel", "delivery_method")
    date_hierarchy = "last_change"
    inlines = (CheckoutLineInline,)
    fieldsets = (
        (None, {"fields": ("token", "user", "email", "channel", "created_at", "last_change")}),
        (
            _("Delivery"),
            {
                "fields": (
                    "recipient_name",
                    "mobile",
                    "shipping_province",
                    "shipping_city",
                    "shipping_county",
                    "address_detail",
                    "delivery_method",
                    "pickup_point",
                )
            },
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Checkout]:
        return super().get_queryset(request).annotate(line_count=Count("lines"))

    @admin.display(description=_("buyer"))
    def buyer(self, obj: Checkout) -> str:
        if obj.user is not None:
            return str(obj.user)
        return obj.email or str(_("anonymous"))

    @admin.display(description=_("lines"), ordering="line_count")
    def line_count(self, obj: Any) -> int:
        return int(obj.line_count)

    @admin.display(description=_("address given"), boolean=True)
    def has_shipping_address(self, obj: Checkout) -> bool:
        return obj.has_shipping_address


class ShippingRateInline(admin.TabularInline):
    model = ShippingRate
    extra = 0
    fields = (
        "destination_province_code",
        "first_weight_grams",
        "first_price_amount",
        "step_weight_grams",
        "step_price_amount",
        "cold_chain_surcharge_amount",
    )


@admin.register(ShippingMethod)
class ShippingMethodAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "supports_cold_chain", "is_active", "sort_order")
    list_filter = ("is_active", "supports_cold_chain")
    list_editable = ("is_active", "sort_order")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (ShippingRateInline,)


class AuditedSaveMixin:
    """Audit rows for operators' shipping configuration, inside the admin's transaction."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        assert isinstance(request.user, User)
        record_shipping_rule_saved(
            obj, actor=request.user, created=not change, changed_fields=form.changed_data
        )


@admin.register(ShippingRule)
class ShippingRuleAdmin(AuditedSaveMixin, admin.ModelAdmin):
    """Which rule applies is `backend.checkout.shipping.ShippingRulePolicy` (most specific
    first: producer, then origin county, city, province, then platform; a destination zone
    before nationwide; then the method's rates)."""

    list_display = (
        "name",
        "method",
        "producer",
        "origin_region",
        "zone",
        "first_price_amount",
        "step_price_amount",
        "cold_chain_surcharge_amount",
        "is_active",
    )
    list_filter = ("method", "is_active")
    search_fields = ("name", "producer__name", "origin_region__full_name")
    autocomplete_fields = ("producer", "origin_region")
    list_select_related = ("method", "producer", "origin_region")

    @admin.display(description=_("destination provinces (zone)"))
    def zone(self, obj: ShippingRule) -> str:
        return ", ".join(obj.destination_province_codes) or str(_("whole country"))


@admin.register(FreeShippingThreshold)
class FreeShippingThresholdAdmin(AuditedSaveMixin, admin.ModelAdmin):
    list_display = ("producer", "threshold_amount", "covers_cold_chain", "is_active")
    list_filter = ("is_active", "covers_cold_chain")
    search_fields = ("producer__name",)
    autocomplete_fields = ("producer",)
    list_select_related = ("producer",)
