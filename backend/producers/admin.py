"""Admin for producers, with identity numbers that are never rendered in full.

Disability certificate and poor-household registration numbers are sensitive personal
information (PIPL). In the list they appear masked (first 3 and last 2 characters). In the
change form the stored number appears masked and read-only; a separate, always-empty input takes
a new number, checked by `backend.producers.identity` with its specific messages. No admin page
renders the full number into its HTML, not even after a failed save.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.images.admin import (
    PICTURE_FORMFIELD_OVERRIDES,
    picture_preview,
    picture_preview_description,
)
from backend.producers.identity import (
    mask_identity,
    validate_disability_certificate,
    validate_poor_household_number,
)
from backend.producers.models import Producer, ProducerShopLink
from backend.regions.admin import province_list_filter


class NeverRenderedInput(forms.TextInput):
    """A text input that never writes a value into the page (neither the stored one nor what
    was typed before a failed save)."""

    def format_value(self, value: Any) -> str | None:
        return None


class ReplacementField(forms.CharField):
    """An input that replaces a stored secret when filled and keeps it when left empty."""

    widget = NeverRenderedInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", True)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def has_changed(self, initial: Any, data: Any) -> bool:
        return bool((data or "").strip())


class ProducerAdminForm(forms.ModelForm):
    disability_certificate_number = ReplacementField(
        label=_("new disability certificate number"),
        max_length=40,
        help_text=_(
            "20 characters: the 18-character ID number, then the category (1-7) and the "
            "grade (1-4). Leave empty to keep the stored number."
        ),
    )
    clear_disability_certificate_number = forms.BooleanField(
        label=_("remove the stored certificate number"), required=False
    )
    poor_household_number = ReplacementField(
        label=_("new poor-household registration number"),
        max_length=60,
        help_text=_("Leave empty to keep the stored number."),
    )
    clear_poor_household_number = forms.BooleanField(
        label=_("remove the stored registration number"), required=False
    )

    class Meta:
        model = Producer
        # The admin passes the full field list from its fieldsets; these are the ones this
        # form itself is about.
        fields = (
            "disability_certificate_number",
            "disability_category",
            "disability_grade",
            "poor_household_number",
        )

    def clean_disability_certificate_number(self) -> str:
        typed = self.cleaned_data.get("disability_certificate_number") or ""
        if not typed:
            return self.instance.disability_certificate_number or ""
        return validate_disability_certificate(typed)

    def clean_poor_household_number(self) -> str:
        typed = self.cleaned_data.get("poor_household_number") or ""
        if not typed:
            return self.instance.poor_household_number or ""
        return validate_poor_household_number(typed)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("disability_certificate_number", "poor_household_number"):
            typed = (self.data.get(self.add_prefix(name)) or "").strip()
            if cleaned.get(f"clear_{name}") and not typed and name not in self.errors:
                cleaned[name] = ""
        return cleaned


class ProducerShopLinkInline(admin.TabularInline):
    model = ProducerShopLink
    extra = 0
    # A link typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ("platform", "url", "sort_order")


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    form = ProducerAdminForm
    list_display = (
        "name",
        "kind",
        "region",
        "masked_certificate_number",
        "masked_household_number",
        "is_active",
        "is_featured",
        "opened_on",
    )
    list_filter = (
        "kind",
        province_list_filter("region"),
        "region__level",
        "is_active",
        "is_featured",
        "disability_category",
        "disability_grade",
    )
    search_fields = ("name", "slug", "contact_name")
    list_select_related = ("region",)
    autocomplete_fields = ("region", "owner")
    readonly_fields = (
        "masked_certificate_number",
        "masked_household_number",
        "logo_preview",
        "created_at",
        "updated_at",
    )
    inlines = (ProducerShopLinkInline,)
    formfield_overrides = PICTURE_FORMFIELD_OVERRIDES
    show_full_result_count = False
    fieldsets = (
        (None, {"fields": ("kind", "name", "slug", "owner", "is_active", "is_featured")}),
        (
            _("Shop"),
            {"fields": ("story", "logo", "logo_preview", "logo_alt", "opened_on")},
        ),
        (
            _("Place and contact"),
            {"fields": ("region", "address_detail", "contact_name")},
        ),
        (
            _("Households and employees"),
            {"fields": ("member_household_count", "disabled_employee_count")},
        ),
        (
            _("Identity (sensitive personal information)"),
            {
                "description": _(
                    "Stored numbers are shown masked. To change one, type the new number; "
                    "it is checked before it is saved."
                ),
                "fields": (
                    "masked_certificate_number",
                    "disability_certificate_number",
                    "clear_disability_certificate_number",
                    "disability_category",
                    "disability_grade",
                    "masked_household_number",
                    "poor_household_number",
                    "clear_poor_household_number",
                ),
            },
        ),
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description=_("disability certificate number"))
    def masked_certificate_number(self, obj: Producer) -> str:
        return mask_identity(obj.disability_certificate_number) or "—"

    @admin.display(description=_("poor-household registration number"))
    def masked_household_number(self, obj: Producer) -> str:
        return mask_identity(obj.poor_household_number) or "—"

    @admin.display(description=picture_preview_description)
    def logo_preview(self, obj: Producer) -> str:
        return picture_preview(obj.logo, obj.logo_alt)
