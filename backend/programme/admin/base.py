"""Operator admin for programme records: region-scoped, and every write a service call.

An operator (staff with an `OperatorScope`) sees only the records filed under the regions they
cover (`scoping.records_for`); a row of another county is simply not there (the admin answers
"does not exist"). Choices of regions, households, shops, courses and enrolments are limited the
same way, so a county operator cannot file a record under another county. Nothing is deleted
here; changes go through the services (checked, audited, one transaction each).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import ForeignKey, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from backend.producers.models import Producer
from backend.programme.documents import OpenedDocument
from backend.programme.errors import ProgrammeError
from backend.programme.models import Course, Enrolment, Household, HouseholdMember
from backend.programme.scoping import records_for, region_scope_q, regions_in_scope
from backend.regions.models import Region
from backend.sellers.admin_access import request_is_operator

_FAILED = "_programme_service_failed"


def scoped_choices(request: HttpRequest, model: type[Any]) -> QuerySet[Any] | None:
    """The rows an operator may pick for a foreign key to `model` (None: not limited here)."""
    user = request.user
    if model is Region:
        return regions_in_scope(user)  # type: ignore[arg-type]
    if model is Producer:
        return Producer.objects.filter(region_scope_q(user, "region"))  # type: ignore[arg-type]
    if model in (Household, HouseholdMember, Course, Enrolment):
        return records_for(user, model)  # type: ignore[arg-type]
    return None


class ProgrammeRecordAdmin(admin.ModelAdmin):
    """Visible and writable by operators for the records of their regions."""

    list_per_page = 50

    class Media:
        css = {"all": ("programme/admin.css",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = records_for(request.user, self.model)  # type: ignore[arg-type]
        related = self.get_list_select_related(request)
        if related:
            queryset = queryset.select_related(*related)  # type: ignore[misc]
        return queryset

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request_is_operator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request_is_operator(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return request_is_operator(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request_is_operator(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        choices = scoped_choices(request, db_field.related_model)  # type: ignore[arg-type]
        if choices is not None:
            kwargs["queryset"] = choices
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # The services own their (durable) transactions; the admin's atomic block would nest them.
        return self._changeform_view(request, object_id, form_url, extra_context)  # type: ignore[attr-defined,no-any-return]

    def run_service(self, request: HttpRequest, call: Any) -> Any:
        """Call a service; a refusal the form could not foresee (a race) becomes a message."""
        try:
            return call()
        except ProgrammeError as error:
            setattr(request, _FAILED, True)
            self.message_user(request, error.message, messages.ERROR)
            return None

    def response_add(self, request: HttpRequest, obj: Any, post_url_continue: Any = None) -> Any:
        if getattr(request, _FAILED, False):
            return HttpResponseRedirect(request.path)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request: HttpRequest, obj: Any) -> Any:
        if getattr(request, _FAILED, False):
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        if getattr(request, _FAILED, False) or obj.pk is None:
            return None
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        if getattr(request, _FAILED, False):
            return None
        return super().log_change(request, obj, message)


class ServiceCheckedForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form whose `clean` runs the service's own checks (`check`), as form errors."""

    def check(self, cleaned: dict[str, Any]) -> None:  # pragma: no cover - overridden
        return None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            try:
                self.check(cleaned)
            except ProgrammeError as error:
                if error.field and error.field in self.fields:
                    self.add_error(error.field, error.as_validation_error().error_dict[error.field])
                else:
                    self.add_error(None, error.message)
        return cleaned


class DocumentAdminMixin:
    """A `<pk>/document/` page that serves the record's private file through `open_document`."""

    document_label = _("Open the file")

    def open_document(self, object_id: int, actor: Any) -> OpenedDocument:  # pragma: no cover
        raise NotImplementedError

    def get_urls(self) -> list[URLPattern]:
        admin_self: Any = self
        info = admin_self.model._meta.app_label, admin_self.model._meta.model_name
        own = [
            path(
                "<int:object_id>/document/",
                admin_self.admin_site.admin_view(self.document_view),
                name=f"{info[0]}_{info[1]}_document",
            )
        ]
        return own + super().get_urls()  # type: ignore[misc]

    def document_view(self, request: HttpRequest, object_id: int) -> FileResponse:
        if not request_is_operator(request):
            raise Http404
        try:
            opened = self.open_document(object_id, request.user)
        except ProgrammeError:
            raise Http404 from None
        return FileResponse(
            opened.file,
            as_attachment=True,
            filename=opened.download_name,
            content_type=opened.content_type,
        )

    def document_link(self, obj: Any, has_file: bool) -> str:
        if not has_file:
            return "—"
        meta = obj._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_document", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, self.document_label)
