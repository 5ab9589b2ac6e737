"""Admin for designations: operators read the register of their regions (confirmation and
revocation happen in the programme portal, through the services) and set their regions'
thresholds through `set_designation_threshold` (checked and audited)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.designations.errors import DesignationError
from backend.designations.models import Designation, DesignationThreshold
from backend.designations.permissions import DesignationAction, designation_policy
from backend.designations.thresholds import ThresholdFigures, set_designation_threshold
from backend.sellers.admin_access import OperatorReadOnlyAdmin, request_is_operator
from backend.statistics.scope import regions_for_reader

FIGURES = (
    "min_sales_amount",
    "min_households",
    "min_bases",
    "min_disabled_employees",
    "award_amount",
)


@admin.register(Designation)
class DesignationAdmin(OperatorReadOnlyAdmin):
    created_elsewhere_message = _(
        "Designations are confirmed in the programme portal, from the eligibility list."
    )
    list_display = ("subject", "kind", "year", "level", "award_amount", "status", "awarded_on")
    list_filter = ("kind", "year", "status", "level")
    search_fields = ("producer__name", "enterprise__name")
    readonly_fields = [field.name for field in Designation._meta.fields]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Designation]:
        return designation_policy.instances_for(
            request.user, DesignationAction.VIEW_ELIGIBILITY
        ).select_related("producer", "enterprise", "region")


class ThresholdForm(forms.ModelForm):
    class Meta:
        model = DesignationThreshold
        fields = ("kind", "region", *FIGURES)


@admin.register(DesignationThreshold)
class DesignationThresholdAdmin(admin.ModelAdmin):
    form = ThresholdForm
    list_display = ("kind", "region", *FIGURES, "updated_at")
    list_filter = ("kind",)
    autocomplete_fields = ("region",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request_is_operator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request_is_operator(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request_is_operator(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request_is_operator(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[DesignationThreshold]:
        regions = regions_for_reader(request.user).values("pk")
        return DesignationThreshold.objects.filter(
            Q(region__in=regions) | Q(region__isnull=True)
        ).select_related("region")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("kind", "region") if obj is not None else ()

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:
        """A valid form goes to `set_designation_threshold` (which owns its transaction, so not
        through the admin's atomic save); an invalid one is shown again by the admin."""
        if request.method == "POST" and request_is_operator(request):
            instance = None if object_id is None else self.get_object(request, object_id)
            posted = request.POST.copy()
            if instance is not None:  # kind and region are fixed once the row exists
                posted["kind"] = instance.kind
                posted["region"] = str(instance.region_id or "")
            form = ThresholdForm(posted, instance=instance)
            if form.is_valid():
                data = form.cleaned_data
                actor: User = request.user  # type: ignore[assignment]
                figures = ThresholdFigures(**{name: data.get(name) for name in FIGURES})
                try:
                    set_designation_threshold(data["kind"], data["region"], figures, actor=actor)
                except DesignationError as error:
                    self.message_user(request, error.message, messages.ERROR)
                    return HttpResponseRedirect(request.path)
                self.message_user(request, _("Threshold saved."))
                return HttpResponseRedirect(
                    reverse("admin:designations_designationthreshold_changelist")
                )
        return super().changeform_view(request, object_id, form_url, extra_context)
