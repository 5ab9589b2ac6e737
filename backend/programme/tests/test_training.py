from __future__ import annotations

import datetime
from typing import cast

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.tests.factories import DisabledSellerFactory
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode
from backend.programme.models import Course, Enrolment, HouseholdMember
from backend.programme.tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    HouseholdMemberFactory,
)
from backend.programme.training import (
    attach_certificate,
    complete_enrolment,
    enrol,
    record_attendance,
)
from backend.verification.tests.conftest import image_bytes, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def test_enrol_member_records_disabled_person_with_audit_row(county_operator):
    # given
    course = cast(Course, CourseFactory())
    member = cast(HouseholdMember, HouseholdMemberFactory())
    # when
    enrolment = enrol(course, actor=county_operator, member=member)
    # then
    assert (enrolment.person_name, enrolment.is_disabled) == (member.name, True)
    event = AuditEvent.objects.get(subject_type="programme.enrolment")
    assert event.event_type == AuditEventType.COURSE_ENROLMENT_ADDED
    assert event.actor_id == county_operator.pk


def test_enrol_producer_of_disabled_seller_counts_as_disabled(county_operator):
    # given
    course = cast(Course, CourseFactory())
    shop = DisabledSellerFactory(contact_name="李店主")
    # when
    enrolment = enrol(course, actor=county_operator, producer=shop)
    # then
    assert (enrolment.person_name, enrolment.is_disabled) == ("李店主", True)


def test_enrol_family_member_without_disability_is_not_counted_disabled(county_operator):
    # given
    course = cast(Course, CourseFactory())
    member = HouseholdMemberFactory(disability_category=None, disability_grade=None)
    # when
    enrolment = enrol(course, actor=county_operator, member=member)
    # then
    assert enrolment.is_disabled is False


def test_enrol_nobody_refused(county_operator):
    # given
    course = cast(Course, CourseFactory())
    # when / then
    with pytest.raises(ProgrammeError) as caught:
        enrol(course, actor=county_operator)
    assert caught.value.code == ProgrammeErrorCode.PERSON_REQUIRED


def test_enrol_twice_refused(county_operator):
    # given
    course = cast(Course, CourseFactory())
    user = UserFactory(name="赵学员")
    enrol(course, actor=county_operator, user=user)
    # when / then
    with pytest.raises(ProgrammeError) as caught:
        enrol(course, actor=county_operator, user=user)
    assert caught.value.code == ProgrammeErrorCode.ALREADY_ENROLLED
    assert Enrolment.objects.count() == 1


def test_enrol_full_course_refused_at_capacity(county_operator):
    # given a course with 2 places, both taken
    course = cast(Course, CourseFactory(capacity=2))
    enrol(course, actor=county_operator, member=HouseholdMemberFactory())
    enrol(course, actor=county_operator, member=HouseholdMemberFactory())
    # when / then
    with pytest.raises(ProgrammeError) as caught:
        enrol(course, actor=county_operator, member=HouseholdMemberFactory())
    assert caught.value.code == ProgrammeErrorCode.COURSE_FULL


def test_enrol_on_other_county_course_not_found(other_county_operator):
    # given a course in 621123
    course = cast(Course, CourseFactory())
    # when / then
    with pytest.raises(ProgrammeError) as caught:
        enrol(course, actor=other_county_operator, member=HouseholdMemberFactory())
    assert caught.value.code == ProgrammeErrorCode.NOT_FOUND


def test_enrol_by_staff_without_region_not_found(staff_without_scope):
    course = cast(Course, CourseFactory())
    with pytest.raises(ProgrammeError) as caught:
        enrol(course, actor=staff_without_scope, member=HouseholdMemberFactory())
    assert caught.value.code == ProgrammeErrorCode.NOT_FOUND


def test_record_attendance_up_to_session_count(county_operator):
    # given a course of 5 sessions
    enrolment = cast(Enrolment, EnrolmentFactory())
    # when
    record_attendance(enrolment, actor=county_operator, sessions_attended=5)
    # then
    enrolment.refresh_from_db()
    assert enrolment.sessions_attended == 5
    event = AuditEvent.objects.get(event_type=AuditEventType.COURSE_ATTENDANCE_RECORDED)
    assert (event.extra_data["old"], event.extra_data["new"]) == (
        {"sessions_attended": 0},
        {"sessions_attended": 5},
    )
    with pytest.raises(ProgrammeError) as caught:
        record_attendance(enrolment, actor=county_operator, sessions_attended=6)
    assert caught.value.code == ProgrammeErrorCode.TOO_MANY_SESSIONS


def test_complete_enrolment_sets_date_once(county_operator):
    # given
    enrolment = cast(Enrolment, EnrolmentFactory())
    # when
    complete_enrolment(enrolment, actor=county_operator, completed_on=datetime.date(2025, 3, 10))
    again = complete_enrolment(
        enrolment, actor=county_operator, completed_on=datetime.date(2025, 4, 1)
    )
    # then
    assert (again.completed, again.completed_on) == (True, datetime.date(2025, 3, 10))
    assert AuditEvent.objects.filter(event_type=AuditEventType.COURSE_COMPLETED).count() == 1


def test_complete_enrolment_before_course_starts_refused(county_operator):
    enrolment = cast(Enrolment, EnrolmentFactory())
    with pytest.raises(ProgrammeError) as caught:
        complete_enrolment(enrolment, actor=county_operator, completed_on=datetime.date(2025, 2, 1))
    assert caught.value.code == ProgrammeErrorCode.COMPLETED_BEFORE_START


def test_attach_certificate_stores_checked_file_privately(county_operator, evidence_root):
    # given
    enrolment = cast(Enrolment, EnrolmentFactory())
    # when
    attach_certificate(enrolment, pdf_upload("结业证书.pdf"), actor=county_operator)
    # then
    enrolment.refresh_from_db()
    assert enrolment.certificate_content_type == "application/pdf"
    assert (evidence_root / enrolment.certificate.name).exists()
    assert "结业证书" not in enrolment.certificate.name
    assert AuditEvent.objects.filter(event_type=AuditEventType.COURSE_CERTIFICATE_ADDED).exists()


def test_attach_certificate_photo_renamed_pdf_refused(county_operator, evidence_root):
    # given a PNG named .pdf
    enrolment = cast(Enrolment, EnrolmentFactory())
    upload = SimpleUploadedFile("cert.pdf", image_bytes("PNG"), content_type="application/pdf")
    # when / then
    with pytest.raises(ProgrammeError) as caught:
        attach_certificate(enrolment, upload, actor=county_operator)
    assert (caught.value.code, caught.value.params["reason"]) == (
        ProgrammeErrorCode.INVALID_FILE,
        "format_mismatch",
    )
    assert not any(evidence_root.rglob("*.*"))


@override_settings(VERIFICATION_EVIDENCE_MAX_BYTES=100)
def test_attach_certificate_too_large_refused(county_operator):
    enrolment = cast(Enrolment, EnrolmentFactory())
    with pytest.raises(ProgrammeError) as caught:
        attach_certificate(enrolment, png_upload(), actor=county_operator)
    assert caught.value.params["reason"] == "file_too_large"
