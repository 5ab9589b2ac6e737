from __future__ import annotations

import datetime
from decimal import Decimal
from typing import cast

import pytest
from django.db import IntegrityError, transaction

from backend.audit.models import AuditEvent, AuditEventType
from backend.orders.models import OrderLine
from backend.producers.tests.factories import ProducerFactory, make_certificate
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode
from backend.programme.households import (
    household_id_subquery,
    link_household_to_producer,
    order_lines_of_households,
    own_shop_household_id_subquery,
    record_household_income,
    resolve_household_refs,
    save_household,
    save_household_member,
)
from backend.programme.models import (
    Household,
    HouseholdLinkKind,
    HouseholdMember,
    MemberRelation,
    PovertyStatus,
)
from backend.programme.tests.factories import (
    HouseholdFactory,
    HouseholdMemberFactory,
    RegisteredHouseholdFactory,
    village,
)
from backend.regions.models import Region

pytestmark = pytest.mark.django_db


def _new_household(**fields: object) -> Household:
    values: dict[str, object] = {
        "code": "HH-NEW-1",
        "region": village(),
        "head_name": "李新户",
        "poverty_status": PovertyStatus.NEVER_REGISTERED,
    }
    values.update(fields)
    return Household(**values)


def test_save_household_by_county_operator_creates_with_audit_row(county_operator):
    # given
    household = _new_household(
        poverty_status=PovertyStatus.REGISTERED, registration_number="621123010099"
    )
    # when
    saved = save_household(household, actor=county_operator)
    # then
    event = AuditEvent.objects.get(subject_type="programme.household", subject_id=str(saved.pk))
    assert event.event_type == AuditEventType.PROGRAMME_RECORD_CREATED
    assert event.actor_id == county_operator.pk
    assert event.extra_data["new"]["registration_number"] == "***"  # never the number itself
    assert event.extra_data["new"]["code"] == "HH-NEW-1"
    stored = Household.objects.get(pk=saved.pk)
    assert stored.registration_number == "621123010099"
    assert stored.registration_number_hash


def test_save_household_change_audits_old_and_new_values(county_operator):
    # given
    household = save_household(_new_household(), actor=county_operator)
    household.head_name = "李改名"
    household.able_and_willing = True
    # when
    save_household(household, actor=county_operator)
    # then
    event = AuditEvent.objects.filter(event_type=AuditEventType.PROGRAMME_RECORD_CHANGED).get()
    assert event.extra_data["old"] == {"head_name": "李新户", "able_and_willing": False}
    assert event.extra_data["new"] == {"head_name": "李改名", "able_and_willing": True}


def test_save_household_in_other_county_refused(other_county_operator):
    # given a household in 621123 and an operator of 621221
    household = _new_household()
    # when / then
    with pytest.raises(ProgrammeError) as caught:
        save_household(household, actor=other_county_operator)
    assert caught.value.code == ProgrammeErrorCode.REGION_OUT_OF_SCOPE
    assert caught.value.field == "region"
    assert not Household.objects.exists()


def test_save_household_existing_row_of_other_county_not_found(
    county_operator, other_county_operator
):
    # given
    household = save_household(_new_household(), actor=county_operator)
    household.region = village("621221", "别村")
    # when / then: the other county's operator cannot move or touch it
    with pytest.raises(ProgrammeError) as caught:
        save_household(household, actor=other_county_operator)
    assert caught.value.code == ProgrammeErrorCode.NOT_FOUND


def test_save_household_at_county_level_refused(county_operator):
    # given
    household = _new_household(region=Region.objects.get(code="621123"))
    # when / then
    with pytest.raises(ProgrammeError) as caught:
        save_household(household, actor=county_operator)
    assert caught.value.field == "region"


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"poverty_status": PovertyStatus.REGISTERED}, "registration_number", "required"),
        (
            {"poverty_status": PovertyStatus.OUT_OF_POVERTY, "registration_number": "62112301"},
            "out_of_poverty_year",
            "required",
        ),
        ({"out_of_poverty_year": 2020}, "out_of_poverty_year", "invalid"),
        ({"registration_number": "62112301"}, "registration_number", "invalid"),
        ({"baseline_income_per_person": Decimal("100")}, "baseline_year", "required"),
    ],
)
def test_save_household_inconsistent_status_refused(county_operator, fields, field, code):
    # given
    household = _new_household(**fields)
    # when / then
    with pytest.raises(ProgrammeError) as caught:
        save_household(household, actor=county_operator)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_household_out_of_poverty_year_checked_by_database():
    # given a row that skips the service
    household = _new_household(poverty_status=PovertyStatus.OUT_OF_POVERTY)
    # when / then
    with pytest.raises(IntegrityError), transaction.atomic():
        household.save()


def test_household_flags_answer_in_sql(django_assert_num_queries):
    # given
    disabled = HouseholdMemberFactory().household
    poor = RegisteredHouseholdFactory()
    HouseholdMemberFactory(household=poor, disability_category=None, disability_grade=None)
    out = HouseholdFactory(
        poverty_status=PovertyStatus.OUT_OF_POVERTY,
        registration_number="62112399",
        out_of_poverty_year=2024,
    )
    # when
    with django_assert_num_queries(1):
        flags = {
            h.pk: (h.has_disabled_member, h.is_registered_poor)
            for h in Household.objects.with_flags()
        }
    # then
    assert flags == {disabled.pk: (True, False), poor.pk: (False, True), out.pk: (False, True)}
    assert list(Household.objects.with_disabled_member()) == [disabled]
    assert set(Household.objects.registered_poor()) == {poor, out}
    assert list(Household.objects.out_of_poverty_in(2024)) == [out]
    assert not Household.objects.out_of_poverty_in(2023).exists()


def test_save_household_member_derives_category_from_certificate(county_operator):
    # given
    household = cast(Household, HouseholdFactory())
    member = HouseholdMember(
        household=household,
        name="王小明",
        relation=MemberRelation.DISABLED_PERSON,
        disability_certificate_number=make_certificate(7, category=1, grade=3),
    )
    # when
    save_household_member(member, actor=county_operator)
    # then
    member.refresh_from_db()
    assert (member.disability_category, member.disability_grade) == (1, 3)
    event = AuditEvent.objects.get(subject_type="programme.householdmember")
    assert event.extra_data["new"]["disability_certificate_number"] == "***"


def test_record_household_income_replaces_the_year(county_operator):
    # given
    household = HouseholdFactory()
    record_household_income(
        household, actor=county_operator, year=2025, income_per_person=Decimal("5000.00")
    )
    # when
    income = record_household_income(
        household, actor=county_operator, year=2025, income_per_person=Decimal("5200.50")
    )
    # then
    assert household.incomes.get().income_per_person == Decimal("5200.50")
    assert income.pk == household.incomes.get().pk
    changed = AuditEvent.objects.get(event_type=AuditEventType.PROGRAMME_RECORD_CHANGED)
    assert changed.extra_data["old"] == {"income_per_person": "5000.00"}


def test_link_household_to_producer_twice_keeps_one_open_link(county_operator):
    # given
    household = HouseholdFactory()
    cooperative = ProducerFactory()
    # when
    first = link_household_to_producer(
        household,
        cooperative,
        actor=county_operator,
        kind=HouseholdLinkKind.MEMBER,
        started_on=datetime.date(2024, 1, 1),
    )
    second = link_household_to_producer(
        household,
        cooperative,
        actor=county_operator,
        kind=HouseholdLinkKind.MEMBER,
        started_on=datetime.date(2024, 6, 1),
    )
    # then
    assert first.pk == second.pk
    assert AuditEvent.objects.get(subject_type="programme.householdproducerlink").seller_id == (
        cooperative.pk
    )


def test_order_line_refs_resolve_to_households(county_operator, channel, django_assert_num_queries):
    # given a cooperative's order with a supplied line, and an individual's own sale
    from backend.checkout.tests.scenarios import listed_variant, make_courier
    from backend.traceability.tests.scenarios import paid_order

    supplier = HouseholdMemberFactory().household
    other = cast(Household, HouseholdFactory())
    own = cast(Household, HouseholdFactory())
    cooperative = ProducerFactory()
    individual = ProducerFactory()
    link_household_to_producer(
        own,
        individual,
        actor=county_operator,
        kind=HouseholdLinkKind.OWN_SHOP,
        started_on=datetime.date(2024, 1, 1),
    )
    courier = make_courier()
    oil = listed_variant(channel, producer=cooperative, price="10.00", stock=10)
    honey = listed_variant(channel, producer=cooperative, price="20.00", stock=10)
    apples = listed_variant(channel, producer=individual, price="5.00", stock=10)
    order = paid_order(channel, courier, [(oil, 1), (honey, 1), (apples, 1)])
    lines = {line.variant_id: line for line in OrderLine.objects.filter(order=order)}
    OrderLine.objects.filter(pk=lines[oil.pk].pk).update(beneficiary_household_ref=supplier.code)
    OrderLine.objects.filter(pk=lines[honey.pk].pk).update(beneficiary_household_ref="HH-UNKNOWN")
    # when
    with django_assert_num_queries(1):
        resolved = resolve_household_refs([supplier.code, "HH-UNKNOWN", "", other.code])
    with django_assert_num_queries(1):
        annotated = {
            line.variant_id: (line.household_id, line.own_household_id)
            for line in OrderLine.objects.annotate(
                household_id=household_id_subquery(),
                own_household_id=own_shop_household_id_subquery(),
            )
        }
    disabled_lines = order_lines_of_households(
        OrderLine.objects.all(), Household.objects.with_disabled_member()
    )
    # then
    assert resolved == {supplier.code: supplier, other.code: other}
    assert annotated[oil.pk] == (supplier.pk, None)
    assert annotated[honey.pk] == (None, None)
    assert annotated[apples.pk] == (None, own.pk)
    assert [line.variant_id for line in disabled_lines] == [oil.pk]
