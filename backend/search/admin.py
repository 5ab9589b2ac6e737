"""Operators tune the priority-ranking weights here; each save goes through the service, so it
is checked against the ranking rule and audited in the same transaction."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backend.search.models import RankingWeights
from backend.search.weights import (
    WEIGHT_FIELDS,
    RankingWeightsError,
    clean_weights,
    update_ranking_weights,
)


class RankingWeightsForm(forms.ModelForm):
    class Meta:
        model = RankingWeights
        fields = WEIGHT_FIELDS

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            clean_weights({k: v for k, v in data.items() if v is not None})
        except RankingWeightsError as error:
            for name, message in error.errors.items():
                self.add_error(name, message)
        return data


@admin.register(RankingWeights)
class RankingWeightsAdmin(admin.ModelAdmin):
    form = RankingWeightsForm
    fields = WEIGHT_FIELDS
    readonly_fields = ("updated_at",)
    list_display = ("__str__", *WEIGHT_FIELDS, "updated_at")
    description = _(
        "Each live verification tag adds its boost to a product's relevance; the total is "
        "capped. Every boost stays below 0.15, the gap that makes one product clearly more "
        "relevant than another, so priority only reorders comparably relevant products."
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # one row, created on first use

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        if not self.has_view_or_change_permission(request):
            return super().changelist_view(request, extra_context)
        RankingWeights.objects.get_or_create(pk=1)
        return HttpResponseRedirect(reverse("admin:search_rankingweights_change", args=[1]))

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        extra = {**(extra_context or {}), "subtitle": self.description}
        return super().change_view(request, object_id, form_url, extra)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        update_ranking_weights(
            {name: form.cleaned_data[name] for name in WEIGHT_FIELDS},
            actor=request.user,  # type: ignore[arg-type]
        )
