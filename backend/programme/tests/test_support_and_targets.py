from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.tests.factories import ProducerFactory
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode
from backend.programme.models import SupportKind, Target, TargetMetric
from backend.programme.support import record_support
from backend.programme.targets import set_target
from backend.programme.tests.factories import HouseholdFactory
from backend.regions.models import Region

pytestmark = pytest.mark.django_db


def test_record_support_for_household_filed_under_its_village(county_operator):
    # given
    household = HouseholdFactory()
    # when
    record = record_support(
        actor=county_operator,
        kind=SupportKind.SUBSIDISED_LOAN,
        amount=Decimal("40000.00"),
        granted_on=datetime.date(2025, 4, 1),
        household=household,
        provider="县农商银行",
    )
    # then
    assert record.region_id == household.region_id
    event = AuditEvent.objects.get(event_type=AuditEventType.SUPPORT_RECORDED)
    assert event.extra_data["new"]["amount"] == "40000.00"


def test_record_support_for_shop_in_other_county_refused(other_county_operator):
    with pytest.raises(ProgrammeError) as caught:
        record_support(
            actor=other_county_operator,
            kind=SupportKind.BROADBAND_GRANT,
            amount=Decimal("600"),
            granted_on=datetime.date(2025, 4, 1),
            producer=ProducerFactory(),
        )
    assert (caught.value.code, caught.value.field) == (
        ProgrammeErrorCode.REGION_OUT_OF_SCOPE,
        "producer",
    )


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"amount": Decimal("0")}, ProgrammeErrorCode.AMOUNT_NOT_POSITIVE),
        ({"household": None}, ProgrammeErrorCode.REQUIRED),
    ],
)
def test_record_support_incomplete_refused(county_operator, fields, code):
    values = {
        "kind": SupportKind.STARTUP_GRANT,
        "amount": Decimal("5000"),
        "granted_on": datetime.date(2025, 4, 1),
        "household": HouseholdFactory(),
    }
    values.update(fields)
    with pytest.raises(ProgrammeError) as caught:
        record_support(actor=county_operator, **values)  # type: ignore[arg-type]
    assert caught.value.code == code


def test_set_target_creates_then_updates_the_one_row(county_operator):
    # given
    county = Region.objects.get(code="621123")
    # when
    set_target(
        county, actor=county_operator, year=2025, metric=TargetMetric.PEOPLE_TRAINED, value=70
    )
    target = set_target(
        county,
        actor=county_operator,
        year=2025,
        metric=TargetMetric.PEOPLE_TRAINED,
        value=Decimal("80"),
    )
    # then
    assert Target.objects.get().value == Decimal("80")
    assert target.set_by_id == county_operator.pk
    events = AuditEvent.objects.filter(event_type=AuditEventType.TARGET_SET).order_by("pk")
    assert [e.extra_data.get("old") for e in events] == [None, {"value": "70.00"}]


def test_set_target_for_city_above_county_operator_refused(county_operator):
    # given the county operator's city
    city = Region.objects.get(code="621123").parent
    # when / then
    with pytest.raises(ProgrammeError) as caught:
        set_target(city, actor=county_operator, year=2025, metric="leaders", value=Decimal("10"))
    assert caught.value.code == ProgrammeErrorCode.REGION_OUT_OF_SCOPE
    assert not Target.objects.exists()


def test_set_target_city_operator_covers_its_counties(db):
    # given a city operator
    from backend.sellers.tests.factories import OperatorScopeFactory

    city = Region.objects.get(code="621123").parent
    operator = OperatorScopeFactory(region=city).user
    # when
    set_target(
        Region.objects.get(code="621123"),
        actor=operator,
        year=2025,
        metric=TargetMetric.HOUSEHOLDS_EARNING,
        value=Decimal("100"),
    )
    # then
    assert Target.objects.filter(region__code="621123").exists()
