from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.personal_data.fields import EncryptedTextField, LookupHashField
from backend.producers.identity import (
    DisabilityCategory,
    DisabilityGrade,
    certificate_category_and_grade,
    check_disability_certificate,
    check_poor_household_number,
    validate_disability_certificate,
)

# Sensitive personal information (PIPL): never selected by public reads (see `.defer()` users).
IDENTITY_NUMBER_FIELDS = ("poor_household_number", "disability_certificate_number")
IDENTITY_FIELDS = (
    "poor_household_number",
    "disability_certificate_number",
    "poor_household_number_hash",
    "disability_certificate_number_hash",
    "disability_category",
    "disability_grade",
)


class ProducerKind(models.TextChoices):
    DISABLED_INDIVIDUAL = "disabled_individual", _("disabled individual (残疾人个人)")
    POOR_HOUSEHOLD = "poor_household", _("registered poor household (建档立卡贫困户)")
    COOPERATIVE = "cooperative", _("cooperative (合作社)")
    EMPLOYMENT_BASE = "employment_base", _("employment base (就业扶贫基地)")
    ENTERPRISE_SHOP = "enterprise_shop", _("enterprise-run shop (一店助多户)")


class Producer(models.Model):
    """A seller account: the shop of a producer, and who the producer is."""

    kind = models.CharField(_("kind"), max_length=32, choices=ProducerKind.choices, db_index=True)
    name = models.CharField(_("shop name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    story = models.TextField(_("story"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="producer-logos", blank=True)
    logo_alt = models.CharField(_("logo description"), max_length=250, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="producers",
    )
    address_detail = models.CharField(_("address"), max_length=255, blank=True)
    opened_on = models.DateField(_("opening date"), default=timezone.localdate)
    contact_name = models.CharField(_("contact name"), max_length=100, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_producers",
    )
    is_active = models.BooleanField(_("active"), default=True, db_index=True)
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    member_household_count = models.PositiveIntegerField(
        _("member households"),
        default=0,
        help_text=_("For cooperatives and enterprise-run shops: households they sell for."),
    )
    disabled_employee_count = models.PositiveIntegerField(
        _("disabled employees"),
        default=0,
        help_text=_("For employment bases: disabled people employed."),
    )

    # --- Sensitive personal information (PIPL). Never exposed publicly. ---
    # Encrypted at rest (backend.personal_data); find by number through the keyed hashes.
    poor_household_number = EncryptedTextField(
        _("poor-household registration number"),
        blank=True,
        validators=[check_poor_household_number],
    )
    disability_certificate_number = EncryptedTextField(
        _("disability certificate number"),
        blank=True,
        validators=[check_disability_certificate],
    )
    poor_household_number_hash = LookupHashField(source="poor_household_number")
    disability_certificate_number_hash = LookupHashField(source="disability_certificate_number")
    disability_category = models.PositiveSmallIntegerField(
        _("disability category"), choices=DisabilityCategory.choices, null=True, blank=True
    )
    disability_grade = models.PositiveSmallIntegerField(
        _("disability grade"), choices=DisabilityGrade.choices, null=True, blank=True
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["region", "kind"], name="producer_region_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(disability_grade__isnull=True)
                | Q(disability_grade__gte=1, disability_grade__lte=4),
                name="producer_disability_grade_range",
            ),
            models.CheckConstraint(
                condition=Q(disability_category__isnull=True)
                | Q(disability_category__gte=1, disability_category__lte=7),
                name="producer_disability_category_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            extra = {f"{name}_hash" for name in IDENTITY_NUMBER_FIELDS if name in update_fields}
            kwargs["update_fields"] = {*update_fields, *extra}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}
        if self.disability_certificate_number:
            try:
                number = validate_disability_certificate(self.disability_certificate_number)
            except ValidationError as exc:
                errors.setdefault("disability_certificate_number", []).append(exc)
            else:
                self.disability_certificate_number = number
                category, grade = certificate_category_and_grade(number)
                if self.disability_category and self.disability_category != category:
                    errors.setdefault("disability_category", []).append(
                        ValidationError(
                            _(
                                "The certificate number says category %(number)s; "
                                "the form says %(form)s."
                            ),
                            code="category_mismatch",
                            params={"number": category, "form": self.disability_category},
                        )
                    )
                if self.disability_grade and self.disability_grade != grade:
                    errors.setdefault("disability_grade", []).append(
                        ValidationError(
                            _(
                                "The certificate number says grade %(number)s; "
                                "the form says %(form)s."
                            ),
                            code="grade_mismatch",
                            params={"number": grade, "form": self.disability_grade},
                        )
                    )
                self.disability_category = self.disability_category or category
                self.disability_grade = self.disability_grade or grade
        if self.kind == ProducerKind.DISABLED_INDIVIDUAL and not self.disability_certificate_number:
            errors.setdefault("disability_certificate_number", []).append(
                ValidationError(
                    _("A disabled individual's shop needs the disability certificate number."),
                    code="required",
                )
            )
        if self.kind == ProducerKind.POOR_HOUSEHOLD and not self.poor_household_number:
            errors.setdefault("poor_household_number", []).append(
                ValidationError(
                    _("A poor household's shop needs its registration number."), code="required"
                )
            )
        if errors:
            raise ValidationError(errors)


class ProducerShopLink(models.Model):
    """The producer's shops on other platforms (Taobao, JD, Pinduoduo, WeChat…)."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="shop_links")
    platform = models.CharField(_("platform"), max_length=50)
    url = models.URLField(_("address"))
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("shop on another platform")
        verbose_name_plural = _("shops on other platforms")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["producer", "url"], name="producer_link_unique_url")
        ]

    def __str__(self) -> str:
        return f"{self.platform}: {self.url}"
