from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from backend.accounts.models import User
from backend.audit.models import AuditEvent, AuditEventType
from backend.designations.errors import DesignationError, DesignationErrorCode
from backend.designations.models import DesignationKind, DesignationThreshold
from backend.designations.tests.conftest import region
from backend.designations.thresholds import ThresholdFigures, set_designation_threshold
from backend.sellers.tests.factories import OperatorScopeFactory

pytestmark = pytest.mark.django_db
LEADER = DesignationKind.LEADER


def test_set_threshold_in_own_region_audited_then_changed(county_operator: User) -> None:
    # given
    county = region("621123")
    # when
    first = set_designation_threshold(
        LEADER, county, ThresholdFigures(min_households=8), actor=county_operator
    )
    second = set_designation_threshold(
        LEADER, county, ThresholdFigures(min_households=7), actor=county_operator
    )
    # then
    assert first.pk == second.pk
    assert DesignationThreshold.objects.get().min_households == 7
    events = AuditEvent.objects.filter(event_type=AuditEventType.DESIGNATION_THRESHOLD_SET)
    assert [e.extra_data["new"]["min_households"] for e in events.order_by("pk")] == ["8", "7"]
    assert events.order_by("pk").last().extra_data["old"]["min_households"] == "8"  # type: ignore[union-attr]


def test_set_threshold_outside_regions_or_whole_country_refused(county_operator: User) -> None:
    # when / then: another county, the province above, the whole country
    for target in (region("621221"), region("62"), None):
        with pytest.raises(DesignationError) as error:
            set_designation_threshold(
                LEADER, target, ThresholdFigures(min_households=1), actor=county_operator
            )
        assert error.value.code == DesignationErrorCode.NOT_FOUND
    assert not DesignationThreshold.objects.exists()


def test_set_threshold_whole_country_by_platform_operator() -> None:
    # given
    platform = OperatorScopeFactory.create(region=None).user
    # when
    row = set_designation_threshold(
        DesignationKind.COUNTY_DEMONSTRATION_HOUSEHOLD,
        None,
        ThresholdFigures(min_sales_amount=Decimal("90000.00")),
        actor=platform,
    )
    # then
    assert row.region is None
    assert row.min_sales_amount == Decimal("90000.00")


def test_threshold_admin_saves_through_service(county_operator: User) -> None:
    # given
    client = Client()
    client.force_login(county_operator)
    # when
    response = client.post(
        "/admin/designations/designationthreshold/add/",
        {"kind": LEADER, "region": region("621123").pk, "min_households": "6"},
    )
    listing = client.get("/admin/designations/designationthreshold/")
    # then
    assert response.status_code == 302
    assert DesignationThreshold.objects.get().min_households == 6
    assert AuditEvent.objects.filter(event_type=AuditEventType.DESIGNATION_THRESHOLD_SET).exists()
    assert listing.status_code == 200
    assert client.get("/admin/designations/designation/").status_code == 200


def test_threshold_admin_change_keeps_kind_and_region(county_operator: User) -> None:
    # given a row of 渭源县
    row = set_designation_threshold(
        LEADER, region("621123"), ThresholdFigures(min_households=8), actor=county_operator
    )
    client = Client()
    client.force_login(county_operator)
    # when: the posted form tries to move it to another county
    response = client.post(
        f"/admin/designations/designationthreshold/{row.pk}/change/",
        {"kind": LEADER, "region": region("621221").pk, "min_households": "9"},
    )
    # then
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.region_id, row.min_households) == (region("621123").pk, 9)
