"""The verification workflow and the audit row each step writes."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from backend.audit.lookups import audit_events_for_subject
from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.tests.factories import ProducerFactory
from backend.sellers.tests.scenarios import People, region
from backend.verification.applications import (
    add_evidence,
    resubmit_application,
    start_application,
    start_renewal,
    submit_application,
    withdraw_application,
)
from backend.verification.errors import VerificationError, VerificationErrorCode
from backend.verification.models import (
    ApplicationStatus,
    EvidenceKind,
    VerificationApplication,
    VerificationKind,
)
from backend.verification.review import (
    approve_application,
    recommend_application,
    reject_application,
    request_more_information,
    revoke_verification,
)
from backend.verification.tests.conftest import png_upload
from backend.verification.tests.scenarios import approved_application, submitted_application

pytestmark = pytest.mark.django_db


def _events(application: VerificationApplication) -> list[AuditEvent]:
    return list(
        audit_events_for_subject("verification.verificationapplication", str(application.pk))
    )


def test_submit_then_recommend_then_approve_writes_one_audit_row_per_step(
    people: People, django_capture_on_commit_callbacks, mailoutbox
):
    # given
    application = submitted_application(people)
    county = people.user("county_operator")
    now = timezone.now()
    # when
    recommend_application(application.pk, actor=county, note="村委会已核实")
    with django_capture_on_commit_callbacks(execute=True):
        approved = approve_application(application.pk, actor=people.user("city_operator"), now=now)
    # then
    assert approved.status == ApplicationStatus.APPROVED
    assert approved.valid_from == now
    assert approved.valid_until == now + timedelta(days=365)
    events = _events(application)
    assert [e.event_type for e in events] == [
        AuditEventType.VERIFICATION_STARTED,
        AuditEventType.VERIFICATION_SUBMITTED,
        AuditEventType.VERIFICATION_RECOMMENDED,
        AuditEventType.VERIFICATION_APPROVED,
    ]
    submitted, recommended, decided = events[1], events[2], events[3]
    assert submitted.actor == people["owner"]
    assert (submitted.old, submitted.new) == (
        {"status": "draft"},
        {"status": "submitted", "kind": "disabled"},
    )
    assert recommended.actor == county
    assert recommended.extra_data["reason"] == "村委会已核实"
    assert recommended.extra_data["operator_region"]["code"] == "621123"
    assert decided.actor == people["city_operator"]
    assert decided.seller == people.shop
    assert decided.old == {"status": "recommended"}
    assert decided.new["status"] == "approved"
    recorded_until = datetime.fromisoformat(decided.new["valid_until"].replace("Z", "+00:00"))
    assert abs(recorded_until - (now + timedelta(days=365))) < timedelta(milliseconds=1)
    assert decided.extra_data["operator_region"]["code"] == "6211"
    assert len(mailoutbox) == 1


def test_evidence_added_is_audited_with_its_fingerprint(people: People):
    # given / when
    application = submitted_application(people)
    # then
    evidence = application.evidence.get()
    event = AuditEvent.objects.get(event_type=AuditEventType.VERIFICATION_EVIDENCE_ADDED)
    assert (event.subject_type, event.subject_id) == (
        "verification.verificationevidence",
        str(evidence.pk),
    )
    assert event.new["sha256"] == evidence.sha256
    assert event.new["kind"] == "disability_certificate"


def test_reject_needs_a_reason_and_records_it(people: People):
    # given
    application = submitted_application(people)
    operator = people.user("county_operator")
    # when
    with pytest.raises(VerificationError) as error:
        reject_application(application.pk, actor=operator, reason="  ")
    rejected = reject_application(application.pk, actor=operator, reason="证件照片看不清")
    # then
    assert error.value.code == VerificationErrorCode.REASON_REQUIRED
    assert rejected.status == ApplicationStatus.REJECTED
    assert rejected.decision_reason == "证件照片看不清"
    event = _events(application)[-1]
    assert event.event_type == AuditEventType.VERIFICATION_REJECTED
    assert event.extra_data["reason"] == "证件照片看不清"
    assert (event.old, event.new) == ({"status": "submitted"}, {"status": "rejected"})


def test_more_information_then_resubmit_then_approve(people: People):
    # given
    application = submitted_application(people)
    operator = people.user("county_operator")
    # when
    request_more_information(application.pk, actor=operator, reason="请上传证件背面")
    add_evidence(
        application.pk,
        png_upload("背面.png"),
        evidence_kind=EvidenceKind.DISABILITY_CERTIFICATE,
        actor=people.user("owner"),
    )
    resubmit_application(application.pk, actor=people.user("owner"), note="已上传背面")
    approved = approve_application(application.pk, actor=operator)
    # then
    assert approved.status == ApplicationStatus.APPROVED
    assert approved.evidence.count() == 2
    types = [e.event_type for e in _events(application)]
    assert types[-3:] == [
        AuditEventType.VERIFICATION_MORE_INFO_REQUESTED,
        AuditEventType.VERIFICATION_RESUBMITTED,
        AuditEventType.VERIFICATION_APPROVED,
    ]


def test_helper_with_scope_all_applies_on_behalf_of_the_seller(people: People):
    # given / when
    application = submitted_application(people, role="helper_all")
    # then
    event = _events(application)[-1]
    assert event.actor == people["helper_all"]
    assert event.on_behalf_of == people["owner"]
    assert event.extra_data["helper"]["scope"] == "all"


@pytest.mark.parametrize(
    "role",
    ["helper_products", "helper_orders", "revoked_helper", "other_seller", "county_operator"],
)
def test_start_application_by_others_is_not_found(people: People, role):
    # given / when
    with pytest.raises(VerificationError) as error:
        start_application(people.shop, kind=VerificationKind.DISABLED, actor=people.user(role))
    # then
    assert error.value.code == VerificationErrorCode.NOT_FOUND


@pytest.mark.parametrize(
    "kind",
    [VerificationKind.POOR_HOUSEHOLD, VerificationKind.COOPERATIVE, VerificationKind.POVERTY_BASE],
)
def test_start_application_for_what_the_seller_cannot_prove_is_not_eligible(people: People, kind):
    # given: a disabled individual's shop without a household number
    # when
    with pytest.raises(VerificationError) as error:
        start_application(people.shop, kind=kind, actor=people.user("owner"))
    # then
    assert error.value.code == VerificationErrorCode.NOT_ELIGIBLE


def test_start_application_twice_says_already_open(people: People):
    # given
    submitted_application(people)
    # when
    with pytest.raises(VerificationError) as error:
        start_application(people.shop, kind=VerificationKind.DISABLED, actor=people.user("owner"))
    # then
    assert error.value.code == VerificationErrorCode.ALREADY_OPEN


def test_submit_without_the_required_document_is_refused(people: People):
    # given: a cooperative that uploads only an "other" document
    coop = ProducerFactory.create(owner=people.user("enterprise"), region=region("621123"))
    actor = people.user("enterprise")
    application = start_application(coop, kind=VerificationKind.COOPERATIVE, actor=actor)
    add_evidence(application.pk, png_upload(), evidence_kind=EvidenceKind.OTHER, actor=actor)
    # when
    with pytest.raises(VerificationError) as error:
        submit_application(application.pk, actor=actor)
    # then
    assert error.value.code == VerificationErrorCode.EVIDENCE_MISSING
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


@pytest.mark.parametrize(
    "step",
    [
        lambda a, p: approve_application(a.pk, actor=p.user("county_operator")),
        lambda a, p: reject_application(a.pk, actor=p.user("county_operator"), reason="x"),
        lambda a, p: submit_application(a.pk, actor=p.user("owner")),
        lambda a, p: resubmit_application(a.pk, actor=p.user("owner")),
        lambda a, p: add_evidence(a.pk, png_upload(), evidence_kind="other", actor=p.user("owner")),
    ],
    ids=["approve", "reject", "submit", "resubmit", "add_evidence"],
)
def test_steps_on_an_approved_application_are_invalid_transitions(people: People, step):
    # given
    application = approved_application(people)
    # when
    with pytest.raises(VerificationError) as error:
        step(application, people)
    # then
    assert error.value.code == VerificationErrorCode.INVALID_TRANSITION


def test_withdraw_an_open_application(people: People):
    # given
    application = submitted_application(people)
    # when
    withdrawn = withdraw_application(application.pk, actor=people.user("owner"))
    # then
    assert withdrawn.status == ApplicationStatus.WITHDRAWN
    assert _events(application)[-1].event_type == AuditEventType.VERIFICATION_WITHDRAWN


def test_revoke_needs_a_reason_and_keeps_the_old_validity_in_the_audit_row(people: People):
    # given
    application = approved_application(people)
    # when
    revoked = revoke_verification(
        application.pk, actor=people.user("province_operator"), reason="证件已注销"
    )
    # then
    assert revoked.status == ApplicationStatus.REVOKED
    assert revoked.revoked_by == people["province_operator"]
    event = _events(application)[-1]
    assert event.event_type == AuditEventType.VERIFICATION_REVOKED
    assert event.old["status"] == "approved"
    assert "valid_until" in event.old
    assert event.extra_data["reason"] == "证件已注销"


def test_renewal_starts_when_the_current_approval_ends(people: People):
    # given: approved 300 days ago, 65 days left
    start = timezone.now() - timedelta(days=300)
    current = approved_application(people, now=start)
    # when
    renewal = start_renewal(current.pk, actor=people.user("owner"))
    submit_application(renewal.pk, actor=people.user("owner"))
    renewed = approve_application(renewal.pk, actor=people.user("county_operator"))
    # then
    assert renewal.evidence.count() == current.evidence.count() == 1
    assert renewal.evidence.get().file.name == current.evidence.get().file.name
    assert current.valid_until is not None
    assert renewed.valid_from == current.valid_until
    assert renewed.valid_until == current.valid_until + timedelta(days=365)


def test_renewal_of_a_revoked_verification_is_refused(people: People):
    # given
    application = approved_application(people)
    revoke_verification(application.pk, actor=people.user("county_operator"), reason="假证")
    # when
    with pytest.raises(VerificationError) as error:
        start_renewal(application.pk, actor=people.user("owner"))
    # then
    assert error.value.code == VerificationErrorCode.NOT_RENEWABLE


def test_approve_with_zero_days_is_refused(people: People):
    # given
    application = submitted_application(people)
    # when
    with pytest.raises(VerificationError) as error:
        approve_application(application.pk, actor=people.user("county_operator"), valid_days=0)
    # then
    assert error.value.code == VerificationErrorCode.INVALID_VALIDITY
