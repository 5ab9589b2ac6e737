"""Beneficiary households: who lives there, their poverty status and income, who helps them,
and which producers they sell through.

`Household.code` is the value an order line or procurement line carries in
`beneficiary_household_ref`; `backend.programme.households` resolves those references.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from backend.personal_data.fields import EncryptedTextField, LookupHashField
from backend.producers.identity import (
    DisabilityCategory,
    DisabilityGrade,
    certificate_category_and_grade,
    check_disability_certificate,
    check_poor_household_number,
    normalise_identity,
)


class PovertyStatus(models.TextChoices):
    REGISTERED = "registered", _("registered poor household (建档立卡)")
    OUT_OF_POVERTY = "out_of_poverty", _("out of poverty (脱贫)")
    NEVER_REGISTERED = "never_registered", _("never registered")


# Registered at some time (建档立卡): still poor, or out of poverty since.
EVER_REGISTERED = (PovertyStatus.REGISTERED, PovertyStatus.OUT_OF_POVERTY)


class HouseholdQuerySet(models.QuerySet["Household"]):
    def with_disabled_member(self) -> HouseholdQuerySet:
        """Households with at least one member holding a disability category (one EXISTS)."""
        return self.filter(Exists(disabled_members_of(OuterRef("pk"))))

    def registered_poor(self) -> HouseholdQuerySet:
        """Registered (建档立卡) at some time: still registered or out of poverty since."""
        return self.filter(poverty_status__in=EVER_REGISTERED)

    def out_of_poverty_in(self, year: int) -> HouseholdQuerySet:
        return self.filter(poverty_status=PovertyStatus.OUT_OF_POVERTY, out_of_poverty_year=year)

    def with_flags(self) -> HouseholdQuerySet:
        """Annotate `has_disabled_member` and `is_registered_poor` (SQL, no per-row query)."""
        return self.annotate(
            has_disabled_member=Exists(disabled_members_of(OuterRef("pk"))),
            is_registered_poor=Q(poverty_status__in=EVER_REGISTERED),
        )


def disabled_members_of(household_ref: Any) -> models.QuerySet[HouseholdMember]:
    return HouseholdMember.objects.filter(
        household_id=household_ref, disability_category__isnull=False
    )


class Household(models.Model):
    code = models.CharField(
        _("household code"),
        max_length=64,
        unique=True,
        help_text=_("The household id order lines carry as the supplying household."),
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("village or township"),
        on_delete=models.PROTECT,
        related_name="programme_households",
    )
    head_name = models.CharField(_("head of household"), max_length=100)
    poverty_status = models.CharField(
        _("poverty status"),
        max_length=20,
        choices=PovertyStatus.choices,
        default=PovertyStatus.NEVER_REGISTERED,
        db_index=True,
    )
    # Sensitive personal information (PIPL): encrypted at rest, found through the keyed hash.
    registration_number = EncryptedTextField(
        _("poor-household registration number"),
        blank=True,
        validators=[check_poor_household_number],
    )
    registration_number_hash = LookupHashField(source="registration_number")
    out_of_poverty_year = models.PositiveSmallIntegerField(
        _("year out of poverty"), null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("income baseline year"), null=True, blank=True
    )
    baseline_income_per_person = models.DecimalField(
        _("baseline income per person (CNY a year)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    cadre_name = models.CharField(_("assigned cadre (帮扶干部)"), max_length=100, blank=True)
    cadre_phone = models.CharField(_("cadre's phone"), max_length=32, blank=True)
    cadre_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cadre's account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_households_assisted",
    )
    plan = models.TextField(_("household plan"), blank=True)
    able_and_willing = models.BooleanField(
        _("able and willing to take part"), default=False, db_index=True
    )
    needs = models.TextField(_("needs"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["region", "poverty_status"], name="household_region_status")
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="household_code_not_empty"),
            models.CheckConstraint(
                condition=Q(
                    poverty_status=PovertyStatus.OUT_OF_POVERTY,
                    out_of_poverty_year__isnull=False,
                    out_of_poverty_year__gt=0,
                )
                | (~Q(poverty_status=PovertyStatus.OUT_OF_POVERTY) & Q(out_of_poverty_year=None)),
                name="household_out_of_poverty_year_with_status",
            ),
            models.CheckConstraint(
                condition=~Q(poverty_status=PovertyStatus.NEVER_REGISTERED)
                | Q(registration_number=""),
                name="household_no_number_when_never_registered",
            ),
            models.CheckConstraint(
                condition=Q(baseline_income_per_person__isnull=True)
                | Q(baseline_income_per_person__gte=0),
                name="household_baseline_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.head_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "registration_number" in update_fields:
            kwargs["update_fields"] = {*update_fields, "registration_number_hash"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from backend.programme.errors import ProgrammeError
        from backend.programme.households import check_household

        try:
            check_household(self)
        except ProgrammeError as error:
            raise error.as_validation_error() from None


class HouseholdIncome(models.Model):
    """The household's income in one year, per person (CNY), after the baseline."""

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="incomes"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    income_per_person = models.DecimalField(
        _("income per person (CNY a year)"), max_digits=12, decimal_places=2
    )
    household_size = models.PositiveSmallIntegerField(
        _("people in the household"), null=True, blank=True
    )
    source = models.CharField(_("source of the figure"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("household income")
        verbose_name_plural = _("household incomes")
        ordering = ["household", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "year"], name="household_income_one_a_year"
            ),
            models.CheckConstraint(
                condition=Q(income_per_person__gte=0), name="household_income_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.year}: {self.income_per_person}"


class MemberRelation(models.TextChoices):
    DISABLED_PERSON = "disabled_person", _("the disabled person")
    SPOUSE = "spouse", _("spouse")
    PARENT = "parent", _("parent")
    CHILD = "child", _("child")
    SIBLING = "sibling", _("brother or sister")
    GRANDPARENT = "grandparent", _("grandparent")
    GRANDCHILD = "grandchild", _("grandchild")
    OTHER = "other", _("other relative")


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")


class HouseholdMember(models.Model):
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("name"), max_length=100)
    relation = models.CharField(
        _("relation to the disabled person"), max_length=20, choices=MemberRelation.choices
    )
    # Same storage as Producer: category 1-7 and grade 1-4 (1 the most severe), certificate
    # number encrypted at rest and found through its keyed hash.
    disability_category = models.PositiveSmallIntegerField(
        _("disability category"), choices=DisabilityCategory.choices, null=True, blank=True
    )
    disability_grade = models.PositiveSmallIntegerField(
        _("disability grade"), choices=DisabilityGrade.choices, null=True, blank=True
    )
    disability_certificate_number = EncryptedTextField(
        _("disability certificate number"), blank=True, validators=[check_disability_certificate]
    )
    disability_certificate_number_hash = LookupHashField(source="disability_certificate_number")
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="household_memberships",
    )

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["household", "pk"]
        indexes = [
            models.Index(
                fields=["household"],
                condition=Q(disability_category__isnull=False),
                name="member_disabled",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(disability_grade__isnull=True)
                | Q(disability_grade__gte=1, disability_grade__lte=4),
                name="member_disability_grade_range",
            ),
            models.CheckConstraint(
                condition=Q(disability_category__isnull=True)
                | Q(disability_category__gte=1, disability_category__lte=7),
                name="member_disability_category_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "disability_certificate_number" in update_fields:
            kwargs["update_fields"] = {*update_fields, "disability_certificate_number_hash"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.disability_certificate_number and self.disability_category is None:
            number = normalise_identity(self.disability_certificate_number)
            if len(number) == 20:
                self.disability_category, self.disability_grade = certificate_category_and_grade(
                    number
                )
        if self.disability_grade is not None and self.disability_category is None:
            raise ValidationError(
                {"disability_category": _("Choose the disability category as well as the grade.")}
            )


class HouseholdLinkKind(models.TextChoices):
    OWN_SHOP = "own_shop", _("the household is the producer (its own shop)")
    MEMBER = "member", _("member household of a cooperative")
    SUPPLIER = "supplier", _("supplying household of a shop or base")
    EMPLOYEE = "employee", _("a member is employed by the base")


class HouseholdProducerLink(models.Model):
    """A household's tie to a producer, over a period (`ended_on` empty: still linked)."""

    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        related_name="producer_links",
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.CASCADE,
        related_name="household_links",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=HouseholdLinkKind.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("household and producer link")
        verbose_name_plural = _("household and producer links")
        ordering = ["producer", "household", "started_on"]
        indexes = [models.Index(fields=["producer", "kind"], name="household_link_producer")]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "producer", "kind"],
                condition=Q(ended_on__isnull=True),
                name="household_link_one_open",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="household_link_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} → {self.producer_id} ({self.kind})"
