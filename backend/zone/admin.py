"""Operators curate the zone here: pavilions with photos, regional brands, campaigns with their
featured products, the producers' price consents and campaign prices (through the services, so
each change is checked and audited), and each campaign's sales report."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from backend.images.admin import (
    PICTURE_FORMFIELD_OVERRIDES,
    apply_normalised_size,
    picture_preview,
    picture_preview_description,
)
from backend.images.tasks import make_renditions_task
from backend.zone.campaign_prices import (
    check_within_consent,
    clean_amount,
    record_price_consent,
    remove_campaign_price,
    set_campaign_price,
)
from backend.zone.errors import ZoneError
from backend.zone.models import (
    Campaign,
    CampaignOrderLine,
    CampaignPrice,
    CampaignPriceConsent,
    CampaignProduct,
    Pavilion,
    PavilionPhoto,
    RegionalBrand,
)
from backend.zone.permissions import ZonePermission, zone_policy
from backend.zone.reports import campaign_report


def _renditions_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(partial(make_renditions_task.delay, name))


class PavilionPhotoForm(forms.ModelForm):
    class Meta:
        model = PavilionPhoto
        fields = ("image", "alt", "sort_order")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        apply_normalised_size(self.instance, cleaned.get("image"))
        return cleaned


class PavilionPhotoInline(admin.TabularInline):
    model = PavilionPhoto
    form = PavilionPhotoForm
    formfield_overrides = PICTURE_FORMFIELD_OVERRIDES
    extra = 0
    fields = ("preview", "image", "alt", "sort_order")
    readonly_fields = ("preview",)

    @admin.display(description=picture_preview_description)
    def preview(self, obj: PavilionPhoto) -> str:
        return picture_preview(obj.image, obj.alt)


@admin.register(Pavilion)
class PavilionAdmin(admin.ModelAdmin):
    list_display = ("name", "county", "signature", "brand", "is_published", "sort_order")
    list_filter = ("is_published", "brand")
    list_editable = ("is_published", "sort_order")
    search_fields = ("name", "slug", "signature", "county__name", "county__code")
    list_select_related = ("county", "brand")
    autocomplete_fields = (
        "county",
        "signature_product",
        "brand",
        "featured_producers",
        "featured_products",
    )
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at",)
    inlines = (PavilionPhotoInline,)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is PavilionPhoto:
            for photo in [*formset.new_objects, *(obj for obj, _ in formset.changed_objects)]:
                _renditions_after_commit(photo.image.name)


@admin.register(RegionalBrand)
class RegionalBrandAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "is_published", "sort_order")
    list_editable = ("is_published", "sort_order")
    search_fields = ("name", "slug")
    autocomplete_fields = ("region",)
    prepopulated_fields = {"slug": ("name",)}
    formfield_overrides = PICTURE_FORMFIELD_OVERRIDES
    readonly_fields = ("preview", "created_at")

    @admin.display(description=picture_preview_description)
    def preview(self, obj: RegionalBrand) -> str:
        return picture_preview(obj.logo, obj.logo_alt)

    def save_model(self, request: HttpRequest, obj: RegionalBrand, form: Any, change: bool) -> None:
        apply_normalised_size(obj, form.cleaned_data.get("logo"))
        super().save_model(request, obj, form, change)
        if "logo" in form.changed_data and obj.logo:
            _renditions_after_commit(obj.logo.name)


class CampaignProductInline(admin.TabularInline):
    model = CampaignProduct
    extra = 0
    autocomplete_fields = ("product",)
    fields = ("product", "sort_order")


class CampaignAdminForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ("name", "slug", "summary", "story", "starts_at", "ends_at", "is_published")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The campaign must end after it starts."))
        return cleaned


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    form = CampaignAdminForm
    list_display = ("name", "starts_at", "ends_at", "is_published", "report_link")
    list_filter = ("is_published",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    date_hierarchy = "starts_at"
    inlines = (CampaignProductInline,)

    @admin.display(description=_("sales report"))
    def report_link(self, obj: Campaign) -> str:
        url = reverse("admin:zone_campaign_report", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Sales, orders and households"))

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<int:campaign_id>/report/",
                self.admin_site.admin_view(self.report_view),
                name="zone_campaign_report",
            ),
            *super().get_urls(),
        ]

    def report_view(self, request: HttpRequest, campaign_id: int) -> HttpResponse:
        if not zone_policy.user_has_permission(
            request.user,  # type: ignore[arg-type]
            ZonePermission.VIEW_CAMPAIGN_REPORT,
        ):
            raise PermissionDenied
        campaign = Campaign.objects.filter(pk=campaign_id).first()
        if campaign is None:
            raise Http404("no such campaign")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Sales report: %(campaign)s") % {"campaign": campaign.name},
            "report": campaign_report(campaign),
        }
        return TemplateResponse(request, "admin/zone/campaign/report.html", context)


class _ServiceWrittenAdmin(admin.ModelAdmin):
    """Rows changed only through a zone service (checked and audited), never a plain save:
    adding a row for a campaign and variant that already has one changes it."""

    autocomplete_fields = ("campaign", "variant")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

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

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).select_related("campaign", "variant__product")


class _UpsertForm(forms.ModelForm):
    """Adding a row for a campaign and variant that already has one changes that row (the
    service upserts), so the form validates against the existing row, not a duplicate."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        campaign, variant = cleaned.get("campaign"), cleaned.get("variant")
        if campaign is not None and variant is not None:
            model = self._meta.model
            existing = model.objects.filter(campaign=campaign, variant=variant).first()
            if existing is not None:
                self.instance = existing
        return cleaned


class ConsentForm(_UpsertForm):
    class Meta:
        model = CampaignPriceConsent
        fields = ("campaign", "variant", "minimum_amount", "how_agreed", "agreed_on")

    def clean_minimum_amount(self) -> Any:
        try:
            return clean_amount(self.cleaned_data["minimum_amount"], field="minimum_amount")
        except ZoneError as error:
            raise forms.ValidationError(error.message, code=str(error.code)) from None


@admin.register(CampaignPriceConsent)
class CampaignPriceConsentAdmin(_ServiceWrittenAdmin):
    form = ConsentForm
    list_display = ("campaign", "variant", "minimum_amount", "agreed_on", "how_agreed")
    list_filter = ("campaign",)
    search_fields = ("variant__product__name", "variant__sku")

    def save_model(
        self, request: HttpRequest, obj: CampaignPriceConsent, form: Any, change: bool
    ) -> None:
        data = form.cleaned_data
        saved = record_price_consent(
            data["campaign"],
            data["variant"].pk,
            minimum_amount=data["minimum_amount"],
            how_agreed=data["how_agreed"],
            agreed_on=data["agreed_on"],
            actor=request.user,  # type: ignore[arg-type]
        )
        obj.pk = saved.pk


class CampaignPriceForm(_UpsertForm):
    class Meta:
        model = CampaignPrice
        fields = ("campaign", "variant", "amount")

    def clean(self) -> dict[str, Any]:
        """The service's own rule, so the operator sees the refusal on the form."""
        cleaned = super().clean() or {}
        campaign, variant, amount = (cleaned.get(k) for k in ("campaign", "variant", "amount"))
        if campaign is None or variant is None or amount is None:
            return cleaned
        consent = CampaignPriceConsent.objects.filter(campaign=campaign, variant=variant).first()
        try:
            check_within_consent(consent, clean_amount(amount, field="amount"))
        except ZoneError as error:
            self.add_error("amount", forms.ValidationError(error.message, code=str(error.code)))
        return cleaned


@admin.register(CampaignPrice)
class CampaignPriceAdmin(_ServiceWrittenAdmin):
    form = CampaignPriceForm
    list_display = ("campaign", "variant", "amount", "updated_at")
    list_filter = ("campaign",)
    search_fields = ("variant__product__name", "variant__sku")

    def save_model(self, request: HttpRequest, obj: CampaignPrice, form: Any, change: bool) -> None:
        data = form.cleaned_data
        try:
            saved = set_campaign_price(
                data["campaign"],
                data["variant"].pk,
                amount=data["amount"],
                actor=request.user,  # type: ignore[arg-type]
            )
        except ZoneError as error:
            raise PermissionDenied(error.message) from error
        obj.pk = saved.pk

    actions = ("remove_selected",)

    @admin.action(description=_("Remove the selected campaign prices"))
    def remove_selected(self, request: HttpRequest, queryset: QuerySet[CampaignPrice]) -> None:
        for price in queryset.select_related("campaign"):
            remove_campaign_price(price.campaign, price.variant_id, actor=request.user)  # type: ignore[arg-type]


@admin.register(CampaignOrderLine)
class CampaignOrderLineAdmin(admin.ModelAdmin):
    """Read-only: written by order creation."""

    list_display = ("campaign", "order_line", "unit_price_amount", "campaign_price_applied")
    list_filter = ("campaign", "campaign_price_applied")
    list_select_related = ("campaign", "order_line")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
