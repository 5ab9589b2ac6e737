from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from backend.accounts.models import User
from backend.audit.models import AuditEvent, AuditEventType
from backend.designations.confirmation import (
    ConfirmationDraft,
    confirm_designation,
    revoke_designation,
)
from backend.designations.eligibility import candidate, eligibility_list
from backend.designations.errors import DesignationError, DesignationErrorCode
from backend.designations.models import (
    Designation,
    DesignationKind,
    DesignationLevel,
    DesignationStatus,
)
from backend.designations.tests.conftest import region
from backend.designations.tests.ledger_rows import moment, shop_sale
from backend.producers.models import Producer
from backend.producers.tests.factories import DisabledSellerFactory
from backend.sellers.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
COUNTY = DesignationKind.COUNTY_DEMONSTRATION_HOUSEHOLD
DRAFT = ConfirmationDraft(
    level=DesignationLevel.COUNTY,
    awarded_on=datetime.date(2026, 3, 1),
    award_amount=Decimal("10000.00"),
)


def eligible_seller(name: str = "示范户", code: str = "621123") -> Producer:
    seller = DisabledSellerFactory.create(name=name, region=region(code))
    shop_sale(seller, "100000.00", when=moment(2025))
    return seller


def test_confirm_designation_eligible_records_and_audits(county_operator: User) -> None:
    # given
    seller = eligible_seller()
    # when
    designation = confirm_designation(
        2025, COUNTY, "producer", seller.pk, DRAFT, actor=county_operator
    )
    # then
    designation.refresh_from_db()
    assert designation.producer_id == seller.pk
    assert designation.status == DesignationStatus.CONFIRMED
    assert designation.award_amount == Decimal("10000.00")
    assert designation.currency == "CNY"
    assert designation.region_id == seller.region_id
    assert designation.evidence["figures"]["sales_amount"] == "100000.00"
    assert designation.evidence["thresholds"]["min_sales_amount"] == "100000.00"
    event = AuditEvent.objects.get(event_type=AuditEventType.DESIGNATION_CONFIRMED)
    assert event.actor_id == county_operator.pk
    assert event.seller_id == seller.pk
    assert event.subject_type == "designations.designation"
    assert event.subject_id == str(designation.pk)
    assert event.extra_data["new"] == {
        "status": "confirmed",
        "level": "county",
        "awarded_on": "2026-03-01",
        "award_amount": "10000.00",
        "currency": "CNY",
    }
    listed = eligibility_list(2025, actor=county_operator)
    assert [c.designation for c in listed] == [designation]


def test_confirm_designation_twice_refused(county_operator: User) -> None:
    # given
    seller = eligible_seller()
    confirm_designation(2025, COUNTY, "producer", seller.pk, DRAFT, actor=county_operator)
    # when
    with pytest.raises(DesignationError) as error:
        confirm_designation(2025, COUNTY, "producer", seller.pk, DRAFT, actor=county_operator)
    # then
    assert error.value.code == DesignationErrorCode.ALREADY_CONFIRMED
    assert Designation.objects.count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.DESIGNATION_CONFIRMED).count() == 1


def test_confirm_designation_not_eligible_refused(county_operator: User) -> None:
    # given a seller one cent short
    seller = DisabledSellerFactory.create(region=region("621123"))
    shop_sale(seller, "99999.99", when=moment(2025))
    # when
    with pytest.raises(DesignationError) as error:
        confirm_designation(2025, COUNTY, "producer", seller.pk, DRAFT, actor=county_operator)
    # then
    assert error.value.code == DesignationErrorCode.NOT_ELIGIBLE
    assert not Designation.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.DESIGNATION_CONFIRMED).exists()


def test_confirm_designation_outside_regions_not_found(other_county_operator: User) -> None:
    # given an eligible seller in 渭源县, and people without its region
    seller = eligible_seller()
    staff_without_region = StaffFactory.create()
    # when / then: the same answer as for a seller that does not exist
    for actor, subject_id in (
        (other_county_operator, seller.pk),
        (staff_without_region, seller.pk),
        (other_county_operator, 987654321),
    ):
        with pytest.raises(DesignationError) as error:
            confirm_designation(2025, COUNTY, "producer", subject_id, DRAFT, actor=actor)
        assert error.value.code == DesignationErrorCode.NOT_FOUND
    assert not Designation.objects.exists()


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (ConfirmationDraft("mayor", DRAFT.awarded_on, DRAFT.award_amount), "level"),
        (ConfirmationDraft("county", DRAFT.awarded_on, Decimal("-1.00")), "award_amount"),
        (ConfirmationDraft("county", DRAFT.awarded_on, Decimal("1.001")), "award_amount"),
        (ConfirmationDraft("county", datetime.date(2024, 12, 31), Decimal("1")), "awarded_on"),
    ],
)
def test_confirm_designation_invalid_draft_refused(
    county_operator: User, draft: ConfirmationDraft, field: str
) -> None:
    # given
    seller = eligible_seller()
    # when
    with pytest.raises(DesignationError) as error:
        confirm_designation(2025, COUNTY, "producer", seller.pk, draft, actor=county_operator)
    # then
    assert (error.value.code, error.value.field) == (DesignationErrorCode.INVALID, field)


def test_revoke_designation_audited_and_may_be_confirmed_again(county_operator: User) -> None:
    # given
    seller = eligible_seller()
    designation = confirm_designation(
        2025, COUNTY, "producer", seller.pk, DRAFT, actor=county_operator
    )
    # when
    revoked = revoke_designation(designation.pk, reason="虚假交易", actor=county_operator)
    # then
    assert revoked.status == DesignationStatus.REVOKED
    assert revoked.revoked_by_id == county_operator.pk
    event = AuditEvent.objects.get(event_type=AuditEventType.DESIGNATION_REVOKED)
    assert event.extra_data["old"] == "confirmed"
    assert event.extra_data["new"] == "revoked"
    assert event.extra_data["reason"] == "虚假交易"
    assert candidate(2025, COUNTY, "producer", seller.pk, actor=county_operator).designation is None
    again = confirm_designation(2025, COUNTY, "producer", seller.pk, DRAFT, actor=county_operator)
    assert again.pk != designation.pk


def test_revoke_designation_refusals(county_operator: User, other_county_operator: User) -> None:
    # given
    seller = eligible_seller()
    designation = confirm_designation(
        2025, COUNTY, "producer", seller.pk, DRAFT, actor=county_operator
    )
    # when / then
    with pytest.raises(DesignationError) as no_reason:
        revoke_designation(designation.pk, reason="  ", actor=county_operator)
    assert (no_reason.value.code, no_reason.value.field) == (
        DesignationErrorCode.REQUIRED,
        "reason",
    )
    with pytest.raises(DesignationError) as not_theirs:
        revoke_designation(designation.pk, reason="x", actor=other_county_operator)
    assert not_theirs.value.code == DesignationErrorCode.NOT_FOUND
    revoke_designation(designation.pk, reason="x", actor=county_operator)
    with pytest.raises(DesignationError) as twice:
        revoke_designation(designation.pk, reason="x", actor=county_operator)
    assert twice.value.code == DesignationErrorCode.ALREADY_REVOKED
    assert AuditEvent.objects.filter(event_type=AuditEventType.DESIGNATION_REVOKED).count() == 1


def test_designation_still_listed_when_no_longer_eligible(county_operator: User) -> None:
    # given a confirmed designation, then the sale is refunded in part
    seller = eligible_seller()
    designation = confirm_designation(
        2025, COUNTY, "producer", seller.pk, DRAFT, actor=county_operator
    )
    sub_order = seller.sub_orders.get()
    sub_order.refunded_amount = Decimal("1.00")
    sub_order.save(update_fields=["refunded_amount"])
    # when
    listed = eligibility_list(2025, actor=county_operator)
    # then
    assert len(listed) == 1
    assert listed[0].designation == designation
    assert not listed[0].eligible
