"""Admin for the catalogue: categories (a draggable tree), product types and attributes,
products with their variants, channel listings, photos and attribute values, collections.

Variants are edited inline on the product (with their prices and stock summarised); each
variant's own page holds its per-channel prices, stock and attribute values, because the
Django admin does not nest inlines. Every changelist selects its foreign keys in the same query
and every per-row summary is prefetched, so a page costs the same queries for 1 or 100 rows.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from mptt.admin import DraggableMPTTAdmin, TreeRelatedFieldListFilter

from backend.catalog.media import release_media_file
from backend.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeProduct,
    AttributeValue,
    AttributeVariant,
    Category,
    Channel,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.images.admin import (
    PICTURE_FORMFIELD_OVERRIDES,
    apply_normalised_size,
    picture_preview,
    picture_preview_description,
)
from backend.images.fields import NormalisedImageUploadField
from backend.images.tasks import make_renditions_task
from backend.regions.admin import province_list_filter
from backend.warehouse.models import Stock

# --- List filters -----------------------------------------------------------------------


class ChannelListFilter(admin.SimpleListFilter):
    """Products listed in a channel (an EXISTS, so rows are never duplicated)."""

    title = _("channel")
    parameter_name = "channel"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(str(pk), name) for pk, name in Channel.objects.values_list("pk", "name")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        channel_id = self.value()
        if not channel_id or not channel_id.isdigit():
            return queryset
        listed = ProductChannelListing.objects.filter(
            product_id=OuterRef("pk"), channel_id=channel_id
        )
        return queryset.filter(Exists(listed))


class PublishedListFilter(admin.SimpleListFilter):
    """Published in at least one channel, or in none."""

    title = _("published")
    parameter_name = "published"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("published")), ("no", _("not published"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        published = ProductChannelListing.objects.filter(
            product_id=OuterRef("pk"), is_published=True
        )
        if self.value() == "yes":
            return queryset.filter(Exists(published))
        if self.value() == "no":
            return queryset.exclude(Exists(published))
        return queryset


class MissingAltListFilter(admin.SimpleListFilter):
    title = _("description of the photo")
    parameter_name = "alt"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("missing", _("missing")), ("present", _("present"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "missing":
            return queryset.filter(alt="")
        if self.value() == "present":
            return queryset.exclude(alt="")
        return queryset


# --- Categories, product types, attributes, channels ------------------------------------


@admin.register(Category)
class CategoryAdmin(DraggableMPTTAdmin):
    list_display = ("tree_actions", "indented_title", "slug")
    list_display_links = ("indented_title",)
    search_fields = ("name", "slug")
    autocomplete_fields = ("parent",)
    formfield_overrides = PICTURE_FORMFIELD_OVERRIDES
    readonly_fields = ("background_preview",)

    @admin.display(description=picture_preview_description)
    def background_preview(self, obj: Category) -> str:
        return picture_preview(obj.background_image, obj.background_image_alt)


class AttributeProductInline(admin.TabularInline):
    model = AttributeProduct
    extra = 0
    autocomplete_fields = ("attribute",)
    verbose_name = _("product attribute")
    verbose_name_plural = _("product attributes")


class AttributeVariantInline(admin.TabularInline):
    model = AttributeVariant
    extra = 0
    autocomplete_fields = ("attribute",)
    verbose_name = _("variant attribute")
    verbose_name_plural = _("variant attributes")


@admin.register(ProductType)
class ProductTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "has_variants", "is_shipping_required", "weight_grams")
    list_filter = ("has_variants", "is_shipping_required")
    search_fields = ("name", "slug")
    inlines = (AttributeProductInline, AttributeVariantInline)


class AttributeValueInline(admin.TabularInline):
    model = AttributeValue
    extra = 0
    fields = ("name", "slug", "sort_order", "boolean", "numeric", "plain_text", "reference_region")
    autocomplete_fields = ("reference_region",)


@admin.register(Attribute)
class AttributeAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "slug",
        "input_type",
        "entity_type",
        "value_required",
        "visible_in_storefront",
        "filterable_in_storefront",
    )
    list_filter = ("input_type", "entity_type", "visible_in_storefront")
    search_fields = ("name", "slug")
    inlines = (AttributeValueInline,)


@admin.register(AttributeValue)
class AttributeValueAdmin(admin.ModelAdmin):
    list_display = ("name", "attribute", "slug", "sort_order")
    list_filter = ("attribute",)
    search_fields = ("name", "slug", "attribute__name")
    list_select_related = ("attribute",)
    autocomplete_fields = ("attribute", "reference_region")


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "currency_code", "default_country", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "slug")


# --- Products ---------------------------------------------------------------------------


class ProductVariantInline(admin.TabularInline):
    model = ProductVariant
    extra = 0
    fields = (
        "sku",
        "name",
        "sort_order",
        "weight_grams",
        "track_inventory",
        "prices",
        "stock",
    )
    readonly_fields = ("prices", "stock")
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProductVariant]:
        return (
            super()
            .get_queryset(request)
            .prefetch_related("channel_listings__channel", "stocks__warehouse")
        )

    @admin.display(description=_("prices"))
    def prices(self, obj: ProductVariant) -> str:
        if not obj.pk:
            return "—"
        return (
            "; ".join(
                f"{listing.channel.name}: {listing.price_amount} {listing.currency}"
                for listing in obj.channel_listings.all()
            )
            or "—"
        )

    @admin.display(description=_("stock (on hand / allocated)"))
    def stock(self, obj: ProductVariant) -> str:
        if not obj.pk:
            return "—"
        return (
            "; ".join(
                f"{stock.warehouse.name}: {stock.quantity} / {stock.quantity_allocated}"
                for stock in obj.stocks.all()
            )
            or "—"
        )


class ProductChannelListingInline(admin.TabularInline):
    model = ProductChannelListing
    extra = 0
    fields = (
        "channel",
        "is_published",
        "published_at",
        "visible_in_listings",
        "available_for_purchase_at",
        "discounted_price_amount",
    )
    readonly_fields = ("discounted_price_amount",)
    verbose_name = _("channel listing")
    verbose_name_plural = _("channel listings")


class ProductMediaAdminForm(forms.ModelForm):
    class Meta:
        model = ProductMedia
        fields = ("image", "alt", "sort_order")
        field_classes = {"image": NormalisedImageUploadField}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        apply_normalised_size(self.instance, cleaned.get("image"))
        return cleaned


class ProductMediaInline(admin.TabularInline):
    model = ProductMedia
    form = ProductMediaAdminForm
    extra = 0
    fields = ("preview", "image", "alt", "sort_order")
    readonly_fields = ("preview",)

    @admin.display(description=picture_preview_description)
    def preview(self, obj: ProductMedia) -> str:
        return picture_preview(obj.image, obj.alt)


class AssignedProductAttributeValueInline(admin.TabularInline):
    model = AssignedProductAttributeValue
    extra = 0
    autocomplete_fields = ("value",)
    verbose_name = _("attribute value")
    verbose_name_plural = _("attribute values")

    def get_queryset(self, request: HttpRequest) -> QuerySet[AssignedProductAttributeValue]:
        return super().get_queryset(request).select_related("value__attribute")


def schedule_media_files(formset: forms.BaseModelFormSet) -> None:
    """After commit: renditions for new or replaced photos, file removal for deleted ones."""
    if formset.model is not ProductMedia:
        return
    saved = list(formset.new_objects) + [obj for obj, _ in formset.changed_objects]
    for media in saved:
        if media.image:
            transaction.on_commit(partial(make_renditions_task.delay, media.image.name))
    for media in formset.deleted_objects:
        release_media_file(media.image.name)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "producer", "category", "product_type", "is_published", "updated_at")
    list_filter = (
        ("category", TreeRelatedFieldListFilter),
        "producer__kind",
        province_list_filter("producer__region"),
        ChannelListFilter,
        PublishedListFilter,
        "product_type",
    )
    search_fields = ("name", "slug", "=variants__sku", "producer__name")
    list_select_related = ("producer", "category", "product_type")
    autocomplete_fields = ("producer", "category", "product_type")
    raw_id_fields = ("default_variant",)
    inlines = (
        ProductVariantInline,
        ProductChannelListingInline,
        ProductMediaInline,
        AssignedProductAttributeValueInline,
    )
    date_hierarchy = "created_at"
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Product]:
        published = ProductChannelListing.objects.filter(
            product_id=OuterRef("pk"), is_published=True
        )
        return super().get_queryset(request).annotate(published_anywhere=Exists(published))

    @admin.display(description=_("published"), boolean=True)
    def is_published(self, obj: Product) -> bool:
        return bool(getattr(obj, "published_anywhere", False))

    def save_formset(
        self, request: HttpRequest, form: forms.ModelForm, formset: Any, change: bool
    ) -> None:
        super().save_formset(request, form, formset, change)
        schedule_media_files(formset)


class ProductVariantChannelListingInline(admin.TabularInline):
    model = ProductVariantChannelListing
    extra = 0
    fields = ("channel", "price_amount", "cost_price_amount", "prior_price_amount", "currency")
    verbose_name = _("price in a channel")
    verbose_name_plural = _("prices in channels")


class StockInline(admin.TabularInline):
    model = Stock
    extra = 0
    fields = ("warehouse", "quantity", "quantity_allocated")
    # Allocations belong to checkout and orders; the admin shows them, never edits them.
    readonly_fields = ("quantity_allocated",)
    autocomplete_fields = ("warehouse",)


class AssignedVariantAttributeValueInline(admin.TabularInline):
    model = AssignedVariantAttributeValue
    extra = 0
    autocomplete_fields = ("value",)
    verbose_name = _("attribute value")
    verbose_name_plural = _("attribute values")

    def get_queryset(self, request: HttpRequest) -> QuerySet[AssignedVariantAttributeValue]:
        return super().get_queryset(request).select_related("value__attribute")


@admin.register(ProductVariant)
class ProductVariantAdmin(admin.ModelAdmin):
    list_display = ("sku", "name", "product", "producer_name", "sort_order", "track_inventory")
    list_filter = ("product__producer__kind", "track_inventory")
    search_fields = ("=sku", "name", "product__name", "product__slug")
    list_select_related = ("product__producer",)
    autocomplete_fields = ("product",)
    inlines = (
        ProductVariantChannelListingInline,
        StockInline,
        AssignedVariantAttributeValueInline,
    )
    show_full_result_count = False

    @admin.display(description=_("producer"), ordering="product__producer__name")
    def producer_name(self, obj: ProductVariant) -> str:
        return obj.product.producer.name


@admin.register(ProductMedia)
class ProductMediaAdmin(admin.ModelAdmin):
    form = ProductMediaAdminForm
    list_display = ("preview", "product", "alt", "sort_order", "width", "height")
    list_display_links = ("preview", "product")
    list_filter = (MissingAltListFilter,)
    search_fields = ("alt", "product__name", "product__slug")
    list_select_related = ("product",)
    autocomplete_fields = ("product",)
    fields = ("product", "preview", "image", "alt", "sort_order", "width", "height")
    readonly_fields = ("preview", "width", "height")
    show_full_result_count = False

    @admin.display(description=picture_preview_description)
    def preview(self, obj: ProductMedia) -> str:
        return picture_preview(obj.image, obj.alt)

    def save_model(self, request: HttpRequest, obj: ProductMedia, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "image" in form.changed_data and obj.image:
            transaction.on_commit(partial(make_renditions_task.delay, obj.image.name))

    def delete_model(self, request: HttpRequest, obj: ProductMedia) -> None:
        name = obj.image.name
        super().delete_model(request, obj)
        release_media_file(name)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[ProductMedia]) -> None:
        names = list(queryset.values_list("image", flat=True))
        super().delete_queryset(request, queryset)
        for name in set(names):
            release_media_file(name)


# --- Collections ------------------------------------------------------------------------


class CollectionProductInline(admin.TabularInline):
    model = CollectionProduct
    extra = 0
    autocomplete_fields = ("product",)
    verbose_name = _("product")
    verbose_name_plural = _("products")

    def get_queryset(self, request: HttpRequest) -> QuerySet[CollectionProduct]:
        return super().get_queryset(request).select_related("product")


class CollectionChannelListingInline(admin.TabularInline):
    model = CollectionChannelListing
    extra = 0
    verbose_name = _("channel listing")
    verbose_name_plural = _("channel listings")


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    inlines = (CollectionProductInline, CollectionChannelListingInline)
    formfield_overrides = PICTURE_FORMFIELD_OVERRIDES
    readonly_fields = ("background_preview",)

    @admin.display(description=picture_preview_description)
    def background_preview(self, obj: Collection) -> str:
        return picture_preview(obj.background_image, obj.background_image_alt)
