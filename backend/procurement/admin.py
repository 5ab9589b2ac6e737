"""Operators' admin: protected floor prices and market reference prices are added through the
services (audit rows; never edited or deleted), contracts and procurement orders are read-only
(they change only through their parties' steps)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from backend.procurement.errors import ProcurementError
from backend.procurement.floor_prices import record_market_price, set_floor_price
from backend.procurement.models import (
    Contract,
    ContractLine,
    FloorPrice,
    MarketPrice,
    ProcurementOrder,
    ProcurementOrderLine,
)


class AddOnlyAdmin(admin.ModelAdmin):
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # The service owns its (durable) transaction; the admin's own atomic block would nest it.
        return self._changeform_view(request, object_id, form_url, extra_context)  # type: ignore[attr-defined,no-any-return]


@admin.register(FloorPrice)
class FloorPriceAdmin(AddOnlyAdmin):
    list_display = ("product", "grade", "region", "amount_per_kg", "valid_from", "valid_until")
    list_filter = ("valid_from",)
    search_fields = ("product__name", "reason")
    autocomplete_fields = ("product", "region")
    fields = ("product", "grade", "region", "valid_from", "valid_until", "amount_per_kg", "reason")

    def save_model(self, request: HttpRequest, obj: FloorPrice, form: Any, change: bool) -> None:
        try:
            created = set_floor_price(
                obj.product,
                actor=request.user,  # type: ignore[arg-type]
                amount_per_kg=obj.amount_per_kg,
                valid_from=obj.valid_from,
                valid_until=obj.valid_until,
                reason=obj.reason,
                grade=obj.grade,
                region=obj.region,
            )
        except ProcurementError as error:
            raise ValidationError(str(error.message)) from error
        obj.pk = created.pk


@admin.register(MarketPrice)
class MarketPriceAdmin(AddOnlyAdmin):
    list_display = ("product", "grade", "amount_per_kg", "period_start", "period_end", "source")
    search_fields = ("product__name", "source")
    autocomplete_fields = ("product",)
    fields = ("product", "grade", "period_start", "period_end", "amount_per_kg", "source")

    def save_model(self, request: HttpRequest, obj: MarketPrice, form: Any, change: bool) -> None:
        created = record_market_price(
            obj.product,
            actor=request.user,  # type: ignore[arg-type]
            amount_per_kg=obj.amount_per_kg,
            period_start=obj.period_start,
            period_end=obj.period_end,
            source=obj.source,
            grade=obj.grade,
        )
        obj.pk = created.pk


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ContractLineInline(admin.TabularInline):
    model = ContractLine
    extra = 0
    can_delete = False
    fields = ("variant", "grade", "quantity", "floor_amount_per_kg")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Contract)
class ContractAdmin(ReadOnlyAdmin):
    list_display = ("number", "title", "enterprise", "producer", "status", "period_end")
    list_filter = ("status", "price_rule")
    search_fields = ("number", "title", "enterprise__name", "producer__name")
    list_select_related = ("enterprise", "producer")
    inlines = [ContractLineInline]


class ProcurementOrderLineInline(admin.TabularInline):
    model = ProcurementOrderLine
    extra = 0
    can_delete = False
    fields = (
        "product_name",
        "grade",
        "quantity",
        "quantity_accepted",
        "rejection_reason",
        "settlement_amount_per_kg",
        "unit_price_amount",
        "accepted_amount",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ProcurementOrder)
class ProcurementOrderAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "enterprise",
        "producer",
        "status",
        "delivery_date",
        "accepted_amount",
    )
    list_filter = ("status",)
    search_fields = ("number", "enterprise__name", "producer__name")
    list_select_related = ("enterprise", "producer")
    inlines = [ProcurementOrderLineInline]
