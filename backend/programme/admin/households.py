"""Households in the operator admin: the household, its members, incomes and producer links."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from backend.producers.identity import mask_identity
from backend.programme.admin.base import ProgrammeRecordAdmin, scoped_choices
from backend.programme.households import save_household, save_household_member
from backend.programme.models import (
    Household,
    HouseholdIncome,
    HouseholdMember,
    HouseholdProducerLink,
)
from backend.programme.records import save_record
from backend.regions.models import RegionLevel


class WriteOnlyNumberMixin:
    """An identity number is typed in, never shown back: empty keeps the number on file."""

    number_field = ""

    def init_number(self) -> None:
        form: Any = self
        field = form.fields.get(self.number_field)
        if field is None:
            return
        current = getattr(form.instance, self.number_field, "")
        form.initial[self.number_field] = ""
        field.widget = forms.TextInput(attrs={"autocomplete": "off"})
        if current:
            field.help_text = _("On file: %(masked)s. Leave empty to keep it.") % {
                "masked": mask_identity(current)
            }

    def kept_number(self) -> str:
        form: Any = self
        typed = form.cleaned_data.get(self.number_field) or ""
        if not typed and form.instance.pk:
            stored = type(form.instance).objects.get(pk=form.instance.pk)
            return str(getattr(stored, self.number_field) or "")
        return str(typed)


class HouseholdForm(WriteOnlyNumberMixin, forms.ModelForm):  # type: ignore[type-arg]
    """The household checks run in the model's `clean` (the same `check_household`)."""

    number_field = "registration_number"

    class Meta:
        model = Household
        fields = (
            "code",
            "region",
            "head_name",
            "poverty_status",
            "registration_number",
            "out_of_poverty_year",
            "baseline_year",
            "baseline_income_per_person",
            "cadre_name",
            "cadre_phone",
            "cadre_user",
            "plan",
            "able_and_willing",
            "needs",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.init_number()
        region = self.fields.get("region")
        if region is not None:
            region.queryset = region.queryset.filter(  # type: ignore[attr-defined]
                level__in=[RegionLevel.TOWNSHIP, RegionLevel.VILLAGE]
            )

    def clean_registration_number(self) -> str:
        return self.kept_number()


class MemberForm(WriteOnlyNumberMixin, forms.ModelForm):  # type: ignore[type-arg]
    number_field = "disability_certificate_number"

    class Meta:
        model = HouseholdMember
        fields = (
            "household",
            "name",
            "relation",
            "disability_category",
            "disability_grade",
            "disability_certificate_number",
            "birth_year",
            "sex",
            "user",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.init_number()

    def clean_disability_certificate_number(self) -> str:
        return self.kept_number()


class MemberInline(admin.TabularInline):
    model = HouseholdMember
    extra = 0
    can_delete = False
    fields = ("name", "relation", "disability_category", "disability_grade", "birth_year", "sex")


class IncomeInline(admin.TabularInline):
    model = HouseholdIncome
    extra = 0
    can_delete = False
    fields = ("year", "income_per_person", "household_size", "source")


class LinkInline(admin.TabularInline):
    model = HouseholdProducerLink
    extra = 0
    can_delete = False
    fields = ("producer", "kind", "started_on", "ended_on")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        choices = scoped_choices(request, db_field.related_model)
        if choices is not None:
            kwargs["queryset"] = choices
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Household)
class HouseholdAdmin(ProgrammeRecordAdmin):
    form = HouseholdForm
    list_display = (
        "code",
        "head_name",
        "region",
        "poverty_status",
        "masked_registration_number",
        "able_and_willing",
    )
    list_filter = ("poverty_status", "able_and_willing")
    list_select_related = ("region",)
    search_fields = ("code", "head_name")
    raw_id_fields = ("cadre_user",)
    inlines = [MemberInline, IncomeInline, LinkInline]

    @admin.display(description=_("registration number"))
    def masked_registration_number(self, obj: Household) -> str:
        return mask_identity(obj.registration_number)

    def save_model(self, request: HttpRequest, obj: Household, form: Any, change: bool) -> None:
        self.run_service(request, lambda: save_household(obj, actor=request.user))  # type: ignore[arg-type]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if form.instance.pk is None:
            return
        actor: Any = request.user
        for record in formset.save(commit=False):
            if isinstance(record, HouseholdMember):
                self.run_service(request, partial(save_household_member, record, actor=actor))
            else:
                self.run_service(
                    request, partial(save_record, record, actor=actor, region_field="household")
                )


@admin.register(HouseholdMember)
class HouseholdMemberAdmin(ProgrammeRecordAdmin):
    form = MemberForm
    list_display = ("name", "household", "relation", "disability_category", "disability_grade")
    list_filter = ("relation", "disability_category")
    list_select_related = ("household",)
    search_fields = ("name", "household__code")
    raw_id_fields = ("user",)

    def save_model(
        self, request: HttpRequest, obj: HouseholdMember, form: Any, change: bool
    ) -> None:
        self.run_service(request, lambda: save_household_member(obj, actor=request.user))  # type: ignore[arg-type]


@admin.register(HouseholdProducerLink)
class HouseholdProducerLinkAdmin(ProgrammeRecordAdmin):
    list_display = ("household", "producer", "kind", "started_on", "ended_on")
    list_filter = ("kind",)
    list_select_related = ("household", "producer")
    search_fields = ("household__code", "producer__name")

    def save_model(
        self, request: HttpRequest, obj: HouseholdProducerLink, form: Any, change: bool
    ) -> None:
        self.run_service(
            request,
            lambda: save_record(
                obj,
                actor=request.user,  # type: ignore[arg-type]
                seller=obj.producer,
                region_field="household",
            ),
        )
