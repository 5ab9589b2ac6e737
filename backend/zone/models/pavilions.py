"""County pavilions (一县一品) and the regional brands several counties sell under."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.regions.models import RegionLevel

# Public pictures of pavilions and brands; a folder the rendition view serves (renditions.py).
ZONE_PHOTO_DIR = "zone-photos"


class RegionalBrand(models.Model):
    """A brand a prefecture or a group of counties sells under (the way 甘孜 sells under
    "圣洁甘孜"). Its counties are the counties of the pavilions that name it."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    story = models.TextField(_("story"), blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("home region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The prefecture or province the brand belongs to, if any."),
    )
    logo = models.ImageField(_("logo"), upload_to=ZONE_PHOTO_DIR, blank=True)
    logo_alt = models.CharField(_("logo description"), max_length=250, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    sort_order = models.IntegerField(_("order"), default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("regional brand")
        verbose_name_plural = _("regional brands")
        ordering = ["sort_order", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class Pavilion(models.Model):
    """One county's pavilion: its signature product, story, photos, producers and products."""

    county = models.OneToOneField(
        "regions.Region",
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="zone_pavilion",
        limit_choices_to={"level": RegionLevel.COUNTY},
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    signature = models.CharField(
        _("signature product"),
        max_length=50,
        help_text=_("What the county is known for, in a few words (一县一品), e.g. 党参."),
    )
    signature_product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("signature product on sale"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    summary = models.CharField(_("summary"), max_length=200, blank=True)
    story = models.TextField(_("story"), blank=True)
    brand = models.ForeignKey(
        RegionalBrand,
        verbose_name=_("regional brand"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pavilions",
    )
    featured_producers = models.ManyToManyField(
        "producers.Producer",
        verbose_name=_("featured producers"),
        blank=True,
        related_name="+",
    )
    featured_products = models.ManyToManyField(
        "catalog.Product", verbose_name=_("featured products"), blank=True, related_name="+"
    )
    is_published = models.BooleanField(_("published"), default=False)
    sort_order = models.IntegerField(_("order"), default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("county pavilion")
        verbose_name_plural = _("county pavilions")
        ordering = ["sort_order", "name", "pk"]
        indexes = [models.Index(fields=["is_published", "sort_order"], name="pavilion_listed")]

    def __str__(self) -> str:
        return self.name


class PavilionPhoto(models.Model):
    """A photo of the county, its fields or its people; stored through the picture pipeline
    (checked, normalised, renditions after commit)."""

    pavilion = models.ForeignKey(Pavilion, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=ZONE_PHOTO_DIR)
    alt = models.CharField(
        _("description of the photo"),
        max_length=250,
        help_text=_("Say what the photo shows, for people who cannot see it."),
    )
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    sort_order = models.IntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("pavilion photo")
        verbose_name_plural = _("pavilion photos")
        ordering = ["sort_order", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(alt=""), name="pavilion_photo_has_alt")]

    def __str__(self) -> str:
        return self.alt
