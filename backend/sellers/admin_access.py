"""Admin pages for operators: access by operator role and region, never by Django model perms.

A county federation worker is a staff account with an `OperatorScope`; the admin shows them
only the rows of shops in their regions (the querysets come from the permission policies), and
only to read: every change goes through a service (admin actions or custom views), so it is
checked and audited like any other.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from backend.sellers.permissions import is_operator


def request_is_operator(request: HttpRequest) -> bool:
    """`is_operator` once per request (the admin asks many times per page)."""
    cached = getattr(request, "_sellers_is_operator", None)
    if cached is None:
        cached = is_operator(request.user)  # type: ignore[arg-type]
        request._sellers_is_operator = cached  # type: ignore[attr-defined]
    return bool(cached)


class OperatorReadOnlyAdmin(admin.ModelAdmin):
    """Visible to operators (rows filtered by `get_queryset`), changed only through services."""

    created_elsewhere_message = _("These records are created by the services that own them.")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request_is_operator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request_is_operator(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        """Explain where these rows come from instead of a bare "403 Forbidden"."""
        if not self.has_view_permission(request):
            return super().add_view(request, form_url, extra_context)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": self.model._meta.verbose_name_plural,
            "message": self.created_elsewhere_message,
        }
        return TemplateResponse(request, "admin/sellers/created_elsewhere.html", context)
