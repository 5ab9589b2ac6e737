"""The operator admin for programme records: region-scoped lists and forms, writes audited."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.tests.factories import ProducerFactory
from backend.programme.models import (
    ClaimStatus,
    Course,
    Enrolment,
    Household,
    SubsidyClaim,
    Target,
)
from backend.programme.subsidies import submit_subsidy_claim
from backend.programme.tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
    village,
)
from backend.regions.models import Region

pytestmark = pytest.mark.django_db


def _url(model: str, action: str = "changelist", *args: object) -> str:
    return reverse(f"admin:programme_{model}_{action}", args=args)


@pytest.fixture
def two_counties():  # type: ignore[no-untyped-def]
    ours = HouseholdFactory(code="HH-OURS")
    theirs = HouseholdFactory(code="HH-THEIRS", region=village("621221", "别村"))
    return ours, theirs


def test_household_changelist_of_county_operator_lists_only_their_county(
    client, county_operator, two_counties
):
    # given
    ours, _theirs = two_counties
    client.force_login(county_operator)
    # when
    response = client.get(_url("household"))
    # then
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [ours]


def test_household_change_page_of_other_county_is_not_there(client, county_operator, two_counties):
    # given
    _ours, theirs = two_counties
    client.force_login(county_operator)
    # when
    response = client.get(_url("household", "change", theirs.pk))
    post = client.post(_url("household", "change", theirs.pk), {"head_name": "x"})
    # then: the admin answers "does not exist" (a redirect to the index with a message)
    assert response.status_code == 302
    assert post.status_code == 302
    assert Household.objects.get(pk=theirs.pk).head_name != "x"


def test_programme_admin_hidden_from_staff_without_region(client, staff_without_scope):
    client.force_login(staff_without_scope)
    assert client.get(_url("household")).status_code == 403


def _household_post(region: Region, **fields: object) -> dict[str, object]:
    data: dict[str, object] = {
        "code": "HH-ADMIN-1",
        "region": region.pk,
        "head_name": "陈户主",
        "poverty_status": "registered",
        "registration_number": "621123010777",
        "baseline_year": "2024",
        "baseline_income_per_person": "3600.00",
        "cadre_name": "刘干部",
        "plan": "发展养蜂",
        "needs": "网店培训",
        "able_and_willing": "on",
    }
    for prefix in ("members", "incomes", "producer_links"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(fields)
    return data


def test_household_add_by_county_operator_saves_through_service(client, county_operator):
    # given
    client.force_login(county_operator)
    # when
    response = client.post(_url("household", "add"), _household_post(village()))
    # then
    assert response.status_code == 302, response.context["adminform"].form.errors
    household = Household.objects.get(code="HH-ADMIN-1")
    assert household.registration_number == "621123010777"
    event = AuditEvent.objects.get(event_type=AuditEventType.PROGRAMME_RECORD_CREATED)
    assert (event.actor_id, event.subject_id) == (county_operator.pk, str(household.pk))


def test_household_add_in_other_county_village_is_not_a_choice(client, county_operator):
    # given
    client.force_login(county_operator)
    # when
    response = client.post(_url("household", "add"), _household_post(village("621221", "别村")))
    # then
    assert response.status_code == 200
    assert "region" in response.context["adminform"].form.errors
    assert not Household.objects.exists()


def test_household_add_registered_without_number_shows_error(client, county_operator):
    # given
    client.force_login(county_operator)
    # when
    response = client.post(
        _url("household", "add"), _household_post(village(), registration_number="")
    )
    # then
    assert response.status_code == 200
    assert "registration_number" in response.context["adminform"].form.errors


def test_household_change_keeps_number_when_left_empty(client, county_operator):
    # given
    client.force_login(county_operator)
    client.post(_url("household", "add"), _household_post(village()))
    household = Household.objects.get(code="HH-ADMIN-1")
    # when
    page = client.get(_url("household", "change", household.pk))
    response = client.post(
        _url("household", "change", household.pk),
        _household_post(village(), registration_number="", head_name="陈新"),
    )
    # then: the number is never shown back in full, and stays on file
    assert "621123010777" not in page.content.decode()
    assert response.status_code == 302
    household.refresh_from_db()
    assert (household.head_name, household.registration_number) == ("陈新", "621123010777")


def test_household_changelist_queries_same_for_one_and_many(client, county_operator):
    # given
    client.force_login(county_operator)
    HouseholdFactory()
    client.get(_url("household"))
    with CaptureQueriesContext(connection) as one:
        client.get(_url("household"))
    for _ in range(5):
        HouseholdFactory()
    # when
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url("household"))
    # then
    assert len(response.context["cl"].result_list) == 6
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]


@pytest.mark.parametrize("model", ["enrolment", "subsidyclaim", "course", "supportrecord"])
def test_changelists_queries_same_for_one_and_many(client, county_operator, model):
    # given
    client.force_login(county_operator)
    trainee = UserFactory()

    def make() -> None:
        enrolment = cast(Enrolment, EnrolmentFactory(user=UserFactory()))
        submit_subsidy_claim(
            enrolment,
            actor=county_operator,
            amount_claimed=Decimal("10"),
            fee_paid_amount=Decimal("10"),
        )
        from backend.programme.support import record_support

        record_support(
            actor=county_operator,
            kind="equipment_grant",
            amount=Decimal("1000"),
            granted_on=datetime.date(2025, 5, 1),
            household=enrolment.member.household,
        )

    assert trainee.pk
    make()
    client.get(_url(model))
    with CaptureQueriesContext(connection) as one:
        client.get(_url(model))
    for _ in range(4):
        make()
    # when
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url(model))
    # then
    assert response.status_code == 200
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]


def test_claim_add_exactly_fee_paid_accepted_and_one_cent_above_refused(client, county_operator):
    # given
    enrolment = cast(Enrolment, EnrolmentFactory())
    client.force_login(county_operator)
    data = {"enrolment": enrolment.pk, "fee_paid_amount": "800.00", "amount_claimed": "800.01"}
    # when
    refused = client.post(_url("subsidyclaim", "add"), data)
    accepted = client.post(_url("subsidyclaim", "add"), {**data, "amount_claimed": "800.00"})
    # then
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.errors.as_data()
    assert [e.code for e in errors["amount_claimed"]] == ["claim_above_fee_paid"]
    assert accepted.status_code == 302
    assert SubsidyClaim.objects.get().amount_claimed == Decimal("800.00")


def test_claim_approved_in_admin_by_county_operator(client, county_operator):
    # given
    enrolment = cast(Enrolment, EnrolmentFactory())
    claim = submit_subsidy_claim(
        enrolment,
        actor=county_operator,
        amount_claimed=Decimal("500"),
        fee_paid_amount=Decimal("800"),
    )
    client.force_login(county_operator)
    # when
    rejected_without_reason = client.post(
        _url("subsidyclaim", "change", claim.pk), {"decision": "reject", "decision_note": ""}
    )
    response = client.post(
        _url("subsidyclaim", "change", claim.pk), {"decision": "approve", "decision_note": "同意"}
    )
    # then
    assert rejected_without_reason.status_code == 200
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by_id) == (ClaimStatus.APPROVED, county_operator.pk)
    assert AuditEvent.objects.filter(event_type=AuditEventType.SUBSIDY_CLAIM_APPROVED).exists()


def test_claim_of_other_county_not_decidable_in_admin(
    client, other_county_operator, county_operator
):
    # given a claim on a 621123 course
    enrolment = cast(Enrolment, EnrolmentFactory())
    claim = submit_subsidy_claim(
        enrolment,
        actor=county_operator,
        amount_claimed=Decimal("500"),
        fee_paid_amount=Decimal("800"),
    )
    client.force_login(other_county_operator)
    # when
    response = client.post(_url("subsidyclaim", "change", claim.pk), {"decision": "approve"})
    # then
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_enrolment_add_and_record_attendance_in_admin(client, county_operator):
    # given
    course = cast(Course, CourseFactory())
    member = HouseholdMemberFactory()
    client.force_login(county_operator)
    # when
    added = client.post(
        _url("enrolment", "add"),
        {"course": course.pk, "member": member.pk, "enrolled_on": "2025-02-20"},
    )
    enrolment = Enrolment.objects.get()
    too_many = client.post(
        _url("enrolment", "change", enrolment.pk), {"sessions_attended": "9", "completed_on": ""}
    )
    changed = client.post(
        _url("enrolment", "change", enrolment.pk),
        {"sessions_attended": "4", "completed_on": "2025-03-10"},
    )
    # then
    assert added.status_code == 302
    assert too_many.status_code == 200
    assert changed.status_code == 302
    enrolment.refresh_from_db()
    assert (enrolment.sessions_attended, enrolment.completed) == (4, True)
    assert enrolment.is_disabled is True


def test_target_add_for_own_county_and_not_for_city(client, county_operator):
    # given
    county = Region.objects.get(code="621123")
    client.force_login(county_operator)
    # when
    ok = client.post(
        _url("target", "add"),
        {"region": county.pk, "year": "2025", "metric": "people_trained", "value": "70"},
    )
    refused = client.post(
        _url("target", "add"),
        {"region": county.parent_id, "year": "2025", "metric": "leaders", "value": "10"},
    )
    # then
    assert ok.status_code == 302
    assert refused.status_code == 200
    assert list(Target.objects.values_list("metric", "value")) == [
        ("people_trained", Decimal("70.00"))
    ]


def test_listing_review_add_in_admin(client, county_operator):
    # given
    shop = ProducerFactory()
    client.force_login(county_operator)
    # when
    response = client.post(
        _url("listingqualityreview", "add"),
        {"producer": shop.pk, "reviewed_on": "2025-05-01", "score_photos": "4", "notes": ""},
    )
    # then
    assert response.status_code == 302
    assert shop.listing_quality_reviews.get().scores.get().score == 4


def test_certificate_opened_by_county_operator_is_audited_and_hidden_from_others(
    client, county_operator, other_county_operator
):
    # given an enrolment with a certificate
    from backend.programme.training import attach_certificate
    from backend.verification.tests.conftest import PDF_BYTES, pdf_upload

    enrolment = cast(Enrolment, EnrolmentFactory())
    attach_certificate(enrolment, pdf_upload("证书.pdf"), actor=county_operator)
    url = _url("enrolment", "document", enrolment.pk)
    # when
    client.force_login(other_county_operator)
    refused = client.get(url)
    client.force_login(county_operator)
    page = client.get(_url("enrolment", "change", enrolment.pk))
    response = client.get(url)
    # then
    assert refused.status_code == 404
    assert url in page.content.decode()
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert f"certificate-{enrolment.pk}.pdf" in response["Content-Disposition"]
    viewed = AuditEvent.objects.get(event_type=AuditEventType.COURSE_CERTIFICATE_VIEWED)
    assert viewed.actor_id == county_operator.pk


def test_claim_receipt_without_file_is_not_there(client, county_operator):
    # given a claim filed without a receipt
    enrolment = cast(Enrolment, EnrolmentFactory())
    claim = submit_subsidy_claim(
        enrolment, actor=county_operator, amount_claimed=Decimal("5"), fee_paid_amount=Decimal("5")
    )
    client.force_login(county_operator)
    # when
    response = client.get(_url("subsidyclaim", "document", claim.pk))
    # then
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(event_type=AuditEventType.SUBSIDY_RECEIPT_VIEWED).exists()
