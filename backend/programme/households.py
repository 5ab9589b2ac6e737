"""Households: the checks on a household record, the services that write households, members,
incomes and producer links, and how order lines' household references resolve.

`OrderLine.beneficiary_household_ref` (and the procurement line's) is a free-text id that
resolves to `Household.code`. A line with an empty reference is the producer's own sale; its
household, when recorded, is the producer's `own_shop` link.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.producers.models import Producer
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode
from backend.programme.models import (
    EVER_REGISTERED,
    Household,
    HouseholdIncome,
    HouseholdLinkKind,
    HouseholdMember,
    HouseholdProducerLink,
    PovertyStatus,
)
from backend.programme.policies import DEFAULT_HOUSEHOLD_PLACE, HouseholdPlacePolicy
from backend.programme.records import save_record
from backend.programme.scoping import records_for


def check_household(
    household: Household, *, place_policy: HouseholdPlacePolicy = DEFAULT_HOUSEHOLD_PLACE
) -> None:
    """Raise the first thing wrong with a household record (a ProgrammeError naming the field)."""
    household.code = (household.code or "").strip()
    if household.region_id is not None and not place_policy.allows(household.region.level):
        raise ProgrammeError(
            ProgrammeErrorCode.INVALID,
            _("Choose the household's village or township."),
            field="region",
        )
    status = household.poverty_status
    if status in EVER_REGISTERED and not household.registration_number:
        raise ProgrammeError(
            ProgrammeErrorCode.REQUIRED,
            _("Enter the poor-household registration number."),
            field="registration_number",
        )
    if status == PovertyStatus.NEVER_REGISTERED and household.registration_number:
        raise ProgrammeError(
            ProgrammeErrorCode.INVALID,
            _("A household that was never registered has no registration number."),
            field="registration_number",
        )
    if status == PovertyStatus.OUT_OF_POVERTY and not household.out_of_poverty_year:
        raise ProgrammeError(
            ProgrammeErrorCode.REQUIRED,
            _("Enter the year the household came out of poverty."),
            field="out_of_poverty_year",
        )
    if status != PovertyStatus.OUT_OF_POVERTY and household.out_of_poverty_year:
        raise ProgrammeError(
            ProgrammeErrorCode.INVALID,
            _("Only a household out of poverty has a year out of poverty."),
            field="out_of_poverty_year",
        )
    if household.baseline_income_per_person is not None and not household.baseline_year:
        raise ProgrammeError(
            ProgrammeErrorCode.REQUIRED,
            _("Enter the year of the income baseline."),
            field="baseline_year",
        )


def save_household(household: Household, *, actor: User) -> Household:
    """Create or change a household (operator of its region); audited."""
    check_household(household)
    return save_record(household, actor=actor)


def save_household_member(member: HouseholdMember, *, actor: User) -> HouseholdMember:
    return save_record(member, actor=actor, region_field="household")


def record_household_income(
    household: Household,
    *,
    actor: User,
    year: int,
    income_per_person: Decimal,
    household_size: int | None = None,
    source: str = "",
) -> HouseholdIncome:
    """The household's income for `year` (replaces that year's figure); audited."""
    income = HouseholdIncome.objects.filter(household_id=household.pk, year=year).first()
    if income is None:
        income = HouseholdIncome(household=household, year=year)
    income.income_per_person = income_per_person
    income.household_size = household_size
    income.source = source
    return save_record(income, actor=actor, region_field="household")


def link_household_to_producer(
    household: Household,
    producer: Producer,
    *,
    actor: User,
    kind: HouseholdLinkKind | str,
    started_on: date,
) -> HouseholdProducerLink:
    """Open a link (a member, supplying or own-shop household); the open one if it exists."""
    existing = HouseholdProducerLink.objects.filter(
        household_id=household.pk, producer_id=producer.pk, kind=kind, ended_on__isnull=True
    ).first()
    if existing is not None:
        return existing
    link = HouseholdProducerLink(
        household=household, producer=producer, kind=kind, started_on=started_on
    )
    return save_record(link, actor=actor, seller=producer, region_field="household")


def end_household_link(
    link: HouseholdProducerLink, *, actor: User, ended_on: date
) -> HouseholdProducerLink:
    link.ended_on = ended_on
    return save_record(link, actor=actor, seller=link.producer, region_field="household")


# --- Order lines → households ---------------------------------------------------------------


def resolve_household_refs(refs: Iterable[str]) -> dict[str, Household]:
    """Households by code for the given order-line references (one query; unknown refs absent)."""
    codes = {ref.strip() for ref in refs if ref and ref.strip()}
    return {household.code: household for household in Household.objects.filter(code__in=codes)}


def order_lines_of_households(lines: QuerySet, households: QuerySet[Household]) -> QuerySet:  # type: ignore[type-arg]
    """Lines (order or procurement lines) supplied by one of `households` (one SQL statement)."""
    return lines.filter(beneficiary_household_ref__in=Subquery(households.values("code")))


def household_id_subquery(ref_field: str = "beneficiary_household_ref") -> Subquery:
    """For `.annotate(household_id=...)` on lines: the household their reference names."""
    return Subquery(Household.objects.filter(code=OuterRef(ref_field)).values("pk")[:1])


def own_shop_household_id_subquery(producer_field: str = "producer_id") -> Subquery:
    """For lines without a reference: the producer's own household (its open own_shop link)."""
    return Subquery(
        HouseholdProducerLink.objects.filter(
            producer_id=OuterRef(producer_field),
            kind=HouseholdLinkKind.OWN_SHOP,
            ended_on__isnull=True,
        )
        .order_by("pk")
        .values("household_id")[:1]
    )


def households_for(actor: User) -> QuerySet[Household]:
    return records_for(actor, Household)
