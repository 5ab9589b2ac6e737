from __future__ import annotations

from decimal import Decimal
from typing import cast

import pytest

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode
from backend.programme.models import ClaimStatus, Enrolment, SubsidyClaim
from backend.programme.subsidies import (
    approve_subsidy_claim,
    reject_subsidy_claim,
    submit_subsidy_claim,
)
from backend.programme.tests.factories import CourseFactory, EnrolmentFactory
from backend.verification.tests.conftest import pdf_upload

pytestmark = pytest.mark.django_db


def _self_paid_enrolment() -> tuple[Enrolment, object]:
    trainee = UserFactory(name="周学员")
    enrolment = cast(Enrolment, EnrolmentFactory(user=trainee))
    return enrolment, trainee


def test_submit_subsidy_claim_exactly_the_fee_paid_accepted():
    # given a trainee who paid 800.00
    enrolment, trainee = _self_paid_enrolment()
    # when
    claim = submit_subsidy_claim(
        enrolment,
        actor=trainee,
        amount_claimed=Decimal("800.00"),
        fee_paid_amount=Decimal("800.00"),
        evidence=pdf_upload("收据.pdf"),
    )
    # then
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.evidence_content_type == "application/pdf"
    event = AuditEvent.objects.get(event_type=AuditEventType.SUBSIDY_CLAIM_SUBMITTED)
    assert event.extra_data["new"] == {"amount_claimed": "800.00", "fee_paid": "800.00"}


def test_submit_subsidy_claim_one_cent_above_fee_paid_refused():
    # given
    enrolment, trainee = _self_paid_enrolment()
    # when / then
    with pytest.raises(ProgrammeError) as caught:
        submit_subsidy_claim(
            enrolment,
            actor=trainee,
            amount_claimed=Decimal("800.01"),
            fee_paid_amount=Decimal("800.00"),
        )
    assert (caught.value.code, caught.value.field) == (
        ProgrammeErrorCode.CLAIM_ABOVE_FEE_PAID,
        "amount_claimed",
    )
    assert "800.01" in caught.value.message
    assert "800.00" in caught.value.message
    assert not SubsidyClaim.objects.exists()


def test_subsidy_claim_above_fee_paid_refused_by_database():
    # given a row that skips the service
    from django.db import IntegrityError, transaction

    enrolment, _trainee = _self_paid_enrolment()
    # when / then
    with pytest.raises(IntegrityError), transaction.atomic():
        SubsidyClaim.objects.create(
            enrolment=enrolment, amount_claimed=Decimal("10.01"), fee_paid_amount=Decimal("10")
        )


def test_submit_subsidy_claim_for_uncertified_course_refused():
    trainee = UserFactory()
    enrolment = EnrolmentFactory(user=trainee, course=CourseFactory(is_certified=False))
    with pytest.raises(ProgrammeError) as caught:
        submit_subsidy_claim(
            enrolment, actor=trainee, amount_claimed=Decimal("1"), fee_paid_amount=Decimal("1")
        )
    assert caught.value.code == ProgrammeErrorCode.NOT_CERTIFIED_COURSE


def test_submit_subsidy_claim_for_someone_elses_enrolment_not_found():
    enrolment, _trainee = _self_paid_enrolment()
    stranger = UserFactory()
    with pytest.raises(ProgrammeError) as caught:
        submit_subsidy_claim(
            enrolment, actor=stranger, amount_claimed=Decimal("1"), fee_paid_amount=Decimal("1")
        )
    assert caught.value.code == ProgrammeErrorCode.NOT_FOUND


def test_submit_second_open_claim_refused(county_operator):
    enrolment, trainee = _self_paid_enrolment()
    submit_subsidy_claim(
        enrolment, actor=trainee, amount_claimed=Decimal("100"), fee_paid_amount=Decimal("800")
    )
    with pytest.raises(ProgrammeError) as caught:
        submit_subsidy_claim(
            enrolment,
            actor=county_operator,
            amount_claimed=Decimal("100"),
            fee_paid_amount=Decimal("800"),
        )
    assert caught.value.code == ProgrammeErrorCode.CLAIM_ALREADY_OPEN


def test_approve_subsidy_claim_by_county_operator_audited(county_operator):
    # given
    enrolment, trainee = _self_paid_enrolment()
    claim = submit_subsidy_claim(
        enrolment, actor=trainee, amount_claimed=Decimal("600"), fee_paid_amount=Decimal("800")
    )
    # when
    approved = approve_subsidy_claim(claim, actor=county_operator, note="票据齐全")
    # then
    assert (approved.status, approved.decided_by_id) == (ClaimStatus.APPROVED, county_operator.pk)
    assert approved.decided_at is not None
    event = AuditEvent.objects.get(event_type=AuditEventType.SUBSIDY_CLAIM_APPROVED)
    assert event.actor_id == county_operator.pk
    assert event.extra_data["new"] == {"status": "approved", "amount": "600.00"}
    with pytest.raises(ProgrammeError) as caught:
        reject_subsidy_claim(claim, actor=county_operator, reason="late")
    assert caught.value.code == ProgrammeErrorCode.ALREADY_DECIDED


def test_approve_subsidy_claim_by_other_county_not_found(other_county_operator):
    enrolment, trainee = _self_paid_enrolment()
    claim = submit_subsidy_claim(
        enrolment, actor=trainee, amount_claimed=Decimal("600"), fee_paid_amount=Decimal("800")
    )
    with pytest.raises(ProgrammeError) as caught:
        approve_subsidy_claim(claim, actor=other_county_operator)
    assert caught.value.code == ProgrammeErrorCode.NOT_FOUND
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_approve_subsidy_claim_by_trainee_not_found():
    enrolment, trainee = _self_paid_enrolment()
    claim = submit_subsidy_claim(
        enrolment, actor=trainee, amount_claimed=Decimal("600"), fee_paid_amount=Decimal("800")
    )
    with pytest.raises(ProgrammeError) as caught:
        approve_subsidy_claim(claim, actor=trainee)
    assert caught.value.code == ProgrammeErrorCode.NOT_FOUND


def test_reject_subsidy_claim_needs_reason_then_allows_new_claim(county_operator):
    # given
    enrolment, trainee = _self_paid_enrolment()
    claim = submit_subsidy_claim(
        enrolment, actor=trainee, amount_claimed=Decimal("600"), fee_paid_amount=Decimal("800")
    )
    with pytest.raises(ProgrammeError) as caught:
        reject_subsidy_claim(claim, actor=county_operator, reason="  ")
    assert caught.value.code == ProgrammeErrorCode.REASON_REQUIRED
    # when
    reject_subsidy_claim(claim, actor=county_operator, reason="收据不清楚")
    # then a corrected claim may be filed
    again = submit_subsidy_claim(
        enrolment, actor=trainee, amount_claimed=Decimal("600"), fee_paid_amount=Decimal("800")
    )
    assert again.status == ClaimStatus.SUBMITTED
    event = AuditEvent.objects.get(event_type=AuditEventType.SUBSIDY_CLAIM_REJECTED)
    assert event.extra_data["reason"] == "收据不清楚"
