"""The audit log in the admin: read-only, rows of the operator's regions only."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from backend.audit.lookups import audit_events_for_actor
from backend.audit.models import AuditEvent
from backend.sellers.admin_access import OperatorReadOnlyAdmin

DOMAINS = (
    (1000, _("sellers and helpers")),
    (2000, _("verification")),
    (3000, _("catalogue")),
    (4000, _("orders")),
    (5000, _("payments")),
    (6000, _("shop profile")),
)


class DomainListFilter(admin.SimpleListFilter):
    title = _("area")
    parameter_name = "domain"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [(str(start), label) for start, label in DOMAINS]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if not value or not value.isdigit():
            return queryset
        start = int(value)
        return queryset.filter(event_type__gte=start, event_type__lt=start + 1000)


@admin.register(AuditEvent)
class AuditEventAdmin(OperatorReadOnlyAdmin):
    list_display = ("event_time", "event_type", "seller", "actor", "on_behalf_of", "subject")
    list_filter = (DomainListFilter, "event_type")
    search_fields = ("seller__name", "actor__name", "subject_id", "request_id")
    list_select_related = ("seller", "actor", "on_behalf_of")
    show_full_result_count = False
    fields = (
        "event_time",
        "event_type",
        "seller",
        "actor",
        "on_behalf_of",
        "subject_type",
        "subject_id",
        "details",
        "request_id",
    )
    readonly_fields = fields
    created_elsewhere_message = _("Audit events are written by the services, never by hand.")

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEvent]:
        return audit_events_for_actor(request.user)  # type: ignore[arg-type]

    @admin.display(description=_("subject"))
    def subject(self, obj: AuditEvent) -> str:
        return f"{obj.subject_type} #{obj.subject_id}"

    @admin.display(description=_("details"))
    def details(self, obj: AuditEvent) -> str:
        return format_html(
            "<pre>{}</pre>", json.dumps(obj.extra_data, ensure_ascii=False, indent=2, default=str)
        )
