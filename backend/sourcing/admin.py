"""Operators read purchase requests and quotes (changes go through the portals' services)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from backend.enterprises.permissions import EnterpriseAction, enterprise_policy
from backend.sellers.admin_access import OperatorReadOnlyAdmin
from backend.sourcing.models import PurchaseRequest, Quote


@admin.register(PurchaseRequest)
class PurchaseRequestAdmin(OperatorReadOnlyAdmin):
    list_display = ("product_name", "enterprise", "quantity", "unit", "deadline", "status")
    list_filter = ("status", "unit")
    search_fields = ("product_name", "enterprise__name")

    def get_queryset(self, request: HttpRequest) -> QuerySet[PurchaseRequest]:
        enterprises = enterprise_policy.instances_for(
            request.user, EnterpriseAction.INSPECT_ENTERPRISE
        )
        return PurchaseRequest.objects.filter(
            enterprise__in=enterprises.values("pk")
        ).select_related("enterprise")


@admin.register(Quote)
class QuoteAdmin(OperatorReadOnlyAdmin):
    list_display = ("request", "producer", "units", "unit_price_amount", "status")
    list_filter = ("status",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Quote]:
        enterprises = enterprise_policy.instances_for(
            request.user, EnterpriseAction.INSPECT_ENTERPRISE
        )
        return Quote.objects.filter(
            request__enterprise__in=enterprises.values("pk")
        ).select_related("request", "producer")
