"""Typed attributes, Saleor 3's shape: an attribute belongs to product types, has values, and
values are assigned to products (product-level) or variants (variant-level)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AttributeInputType(models.TextChoices):
    DROPDOWN = "dropdown", _("dropdown")
    MULTISELECT = "multiselect", _("multiple select")
    BOOLEAN = "boolean", _("yes or no")
    NUMERIC = "numeric", _("number")
    PLAIN_TEXT = "plain-text", _("plain text")
    REFERENCE = "reference", _("reference")


class AttributeEntityType(models.TextChoices):
    REGION = "region", _("region")


class Attribute(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=100)
    input_type = models.CharField(
        _("input type"),
        max_length=20,
        choices=AttributeInputType.choices,
        default=AttributeInputType.DROPDOWN,
    )
    entity_type = models.CharField(
        _("reference to"), max_length=20, choices=AttributeEntityType.choices, blank=True
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    value_required = models.BooleanField(_("value required"), default=False)
    visible_in_storefront = models.BooleanField(_("visible in storefront"), default=True)
    filterable_in_storefront = models.BooleanField(_("filterable in storefront"), default=True)
    storefront_search_position = models.IntegerField(default=0)
    product_types = models.ManyToManyField(
        "catalog.ProductType",
        blank=True,
        through="AttributeProduct",
        related_name="product_attributes",
    )
    product_variant_types = models.ManyToManyField(
        "catalog.ProductType",
        blank=True,
        through="AttributeVariant",
        related_name="variant_attributes",
    )

    class Meta:
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")
        ordering = ["storefront_search_position", "slug"]

    def __str__(self) -> str:
        return self.name


class AttributeValue(models.Model):
    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE, related_name="values")
    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=True)
    boolean = models.BooleanField(null=True, blank=True)
    numeric = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    plain_text = models.TextField(blank=True)
    reference_region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attribute_values",
    )
    sort_order = models.IntegerField(default=0, db_index=True)

    class Meta:
        verbose_name = _("attribute value")
        verbose_name_plural = _("attribute values")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["attribute", "slug"], name="attribute_value_unique_slug"
            )
        ]

    def __str__(self) -> str:
        return self.name


class AttributeProduct(models.Model):
    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE)
    product_type = models.ForeignKey("catalog.ProductType", on_delete=models.CASCADE)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["attribute", "product_type"], name="attribute_product_unique"
            )
        ]


class AttributeVariant(models.Model):
    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE)
    product_type = models.ForeignKey("catalog.ProductType", on_delete=models.CASCADE)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["attribute", "product_type"], name="attribute_variant_unique"
            )
        ]


class AssignedProductAttributeValue(models.Model):
    value = models.ForeignKey(
        AttributeValue, on_delete=models.CASCADE, related_name="product_assignments"
    )
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="attribute_values"
    )
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["value", "product"], name="assigned_product_value_unique"
            )
        ]


class AssignedVariantAttributeValue(models.Model):
    value = models.ForeignKey(
        AttributeValue, on_delete=models.CASCADE, related_name="variant_assignments"
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="attribute_values"
    )
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["value", "variant"], name="assigned_variant_value_unique"
            )
        ]
