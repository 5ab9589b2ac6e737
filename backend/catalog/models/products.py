from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from mptt.models import MPTTModel, TreeForeignKey


class Category(MPTTModel):
    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    description = models.TextField(_("description"), blank=True)
    parent = TreeForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.CASCADE,
    )
    background_image = models.ImageField(upload_to="category-backgrounds", blank=True)
    background_image_alt = models.CharField(max_length=128, blank=True)
    seo_title = models.CharField(max_length=70, blank=True)
    seo_description = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class MPTTMeta:
        order_insertion_by = ["slug"]

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class ProductType(models.Model):
    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    has_variants = models.BooleanField(_("has variants"), default=True)
    is_shipping_required = models.BooleanField(_("shipping required"), default=True)
    weight_grams = models.PositiveIntegerField(_("default weight (g)"), default=0)

    class Meta:
        verbose_name = _("product type")
        verbose_name_plural = _("product types")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    """A product sold by exactly one producer."""

    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        related_name="products",
    )
    product_type = models.ForeignKey(
        ProductType,
        verbose_name=_("product type"),
        on_delete=models.PROTECT,
        related_name="products",
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="products",
    )
    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    seo_title = models.CharField(max_length=70, blank=True)
    seo_description = models.CharField(max_length=300, blank=True)
    weight_grams = models.PositiveIntegerField(_("weight (g)"), null=True, blank=True)
    default_variant = models.OneToOneField(
        "catalog.ProductVariant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rating = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["slug"]
        indexes = [
            models.Index(fields=["producer", "created_at"], name="product_producer_created"),
            models.Index(fields=["category", "name"], name="product_category_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ProductChannelListing(models.Model):
    """Whether and from when a product is on sale in a channel (Saleor 3)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="channel_listings")
    channel = models.ForeignKey(
        "catalog.Channel", on_delete=models.CASCADE, related_name="product_listings"
    )
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    visible_in_listings = models.BooleanField(default=True)
    available_for_purchase_at = models.DateTimeField(null=True, blank=True)
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    # The lowest variant price in this channel, kept for sorting by price (Saleor keeps the same).
    discounted_price_amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "channel"], name="product_listing_unique")
        ]
        indexes = [
            models.Index(
                fields=["channel", "is_published", "discounted_price_amount"],
                name="listing_channel_price",
            )
        ]


class ProductVariant(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(_("SKU"), max_length=255, unique=True, null=True, blank=True)
    name = models.CharField(_("name"), max_length=255, blank=True)
    sort_order = models.IntegerField(default=0, db_index=True)
    weight_grams = models.PositiveIntegerField(_("weight (g)"), null=True, blank=True)
    track_inventory = models.BooleanField(default=True)
    quantity_limit_per_customer = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("product variant")
        verbose_name_plural = _("product variants")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name or self.sku or f"variant {self.pk}"


class ProductVariantChannelListing(models.Model):
    variant = models.ForeignKey(
        ProductVariant, on_delete=models.CASCADE, related_name="channel_listings"
    )
    channel = models.ForeignKey(
        "catalog.Channel", on_delete=models.CASCADE, related_name="variant_listings"
    )
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    price_amount = models.DecimalField(max_digits=12, decimal_places=2)
    cost_price_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    prior_price_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["variant", "channel"], name="variant_listing_unique"),
            models.CheckConstraint(
                condition=Q(price_amount__gte=Decimal("0")), name="variant_price_not_negative"
            ),
        ]


class ProductMediaType(models.TextChoices):
    IMAGE = "IMAGE", _("image")
    VIDEO = "VIDEO", _("video")


class ProductMedia(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="media")
    image = models.ImageField(upload_to="products", blank=True)
    alt = models.CharField(
        _("description of the photo"),
        max_length=250,
        blank=True,
        help_text=_("Say what the photo shows, for people who cannot see it."),
    )
    type = models.CharField(max_length=32, choices=ProductMediaType.choices, default="IMAGE")
    external_url = models.URLField(blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    sort_order = models.IntegerField(default=0, db_index=True)
    variants = models.ManyToManyField(ProductVariant, blank=True, related_name="media")

    class Meta:
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.alt or self.image.name
