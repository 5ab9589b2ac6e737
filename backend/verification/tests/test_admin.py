"""The operators' review queue in the admin: region-scoped lists, decisions through services."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from backend.audit.models import AuditEvent, AuditEventType
from backend.sellers.models import OperatorScope
from backend.sellers.tests.factories import HelperGrantFactory, StaffFactory
from backend.sellers.tests.scenarios import People, region
from backend.verification.applications import add_evidence, start_application, submit_application
from backend.verification.models import ApplicationStatus, VerificationApplication
from backend.verification.tests.conftest import pdf_upload
from backend.verification.tests.scenarios import submitted_application

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:verification_verificationapplication_changelist"


def _change(pk: int) -> str:
    return reverse("admin:verification_verificationapplication_change", args=[pk])


def _decide(pk: int, decision: str) -> str:
    return reverse("admin:verification_verificationapplication_decide", args=[pk, decision])


@pytest.fixture
def applications(people: People) -> tuple[VerificationApplication, VerificationApplication]:
    ours = submitted_application(people)
    seller = people.user("other_seller")
    theirs = start_application(people.other_shop, kind="cooperative", actor=seller)
    add_evidence(theirs.pk, pdf_upload(), evidence_kind="cooperative_licence", actor=seller)
    return ours, submit_application(theirs.pk, actor=seller)


def test_changelist_of_county_operator_lists_only_their_county(
    client, people: People, applications
):
    # given
    ours, _theirs = applications
    client.force_login(people.user("county_operator"))
    # when
    response = client.get(reverse(CHANGELIST))
    # then
    assert response.status_code == 200
    listed = list(response.context["cl"].result_list)
    assert listed == [ours]


def test_changelist_of_superuser_lists_every_region(admin_client, applications):
    # given / when
    response = admin_client.get(reverse(CHANGELIST), {"queue": "waiting"})
    # then
    assert set(response.context["cl"].result_list) == set(applications)


def test_staff_without_region_cannot_open_the_queue(client, people: People, applications):
    # given
    client.force_login(people.user("staff_without_region"))
    # when
    response = client.get(reverse(CHANGELIST))
    # then
    assert response.status_code == 403


def test_change_page_of_another_county_is_not_shown(client, people: People, applications):
    # given
    ours, _ = applications
    client.force_login(people.user("other_county_operator"))
    # when
    page = client.get(_change(ours.pk))
    decide = client.get(_decide(ours.pk, "approve"))
    # then
    assert page.status_code == 302  # the admin's "does not exist" redirect, as for a missing id
    assert decide.status_code == 404


def test_change_page_links_evidence_only_through_the_private_view(
    client, people: People, applications
):
    # given
    ours, _ = applications
    evidence = ours.evidence.get()
    client.force_login(people.user("county_operator"))
    # when
    html = client.get(_change(ours.pk)).content.decode()
    # then
    assert reverse("verification:evidence", args=[evidence.public_id]) in html
    assert evidence.file.name not in html
    assert _decide(ours.pk, "approve") in html
    assert people.shop.disability_certificate_number in html  # the reviewer checks the number


def test_change_page_masks_numbers_for_an_operator_who_may_not_decide(
    client, people: People, applications
):
    # given: the county operator also volunteers for the shop
    ours, _ = applications
    operator = people.user("county_operator")
    HelperGrantFactory.create(seller=people.shop, helper=operator, scope="products")
    client.force_login(operator)
    # when
    html = client.get(_change(ours.pk)).content.decode()
    # then
    assert people.shop.disability_certificate_number not in html


def test_decide_view_approves_through_the_service(client, people: People, applications):
    # given
    ours, _ = applications
    client.force_login(people.user("county_operator"))
    # when
    response = client.post(_decide(ours.pk, "approve"), {"reason": "", "valid_days": "180"})
    # then
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.status == ApplicationStatus.APPROVED
    assert ours.valid_until is not None
    assert ours.valid_from is not None
    assert (ours.valid_until - ours.valid_from).days == 180
    event = AuditEvent.objects.get(event_type=AuditEventType.VERIFICATION_APPROVED)
    assert event.actor == people["county_operator"]


def test_decide_view_reject_without_reason_shows_the_form_again(
    client, people: People, applications
):
    # given
    ours, _ = applications
    client.force_login(people.user("county_operator"))
    # when
    response = client.post(_decide(ours.pk, "reject"), {"reason": ""})
    # then
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    ours.refresh_from_db()
    assert ours.status == ApplicationStatus.SUBMITTED


def test_changelist_action_rejects_with_a_reason_after_the_form(
    client, people: People, applications
):
    # given
    ours, _ = applications
    client.force_login(people.user("city_operator"))
    data = {"action": "reject_selected", "_selected_action": [ours.pk]}
    # when
    form_page = client.post(reverse(CHANGELIST), data)
    done = client.post(reverse(CHANGELIST), {**data, "apply": "1", "reason": "照片模糊"})
    # then
    assert form_page.status_code == 200
    assert done.status_code == 302
    ours.refresh_from_db()
    assert ours.status == ApplicationStatus.REJECTED
    assert ours.decision_reason == "照片模糊"


def test_changelist_action_cannot_reach_another_regions_application(
    client, people: People, applications
):
    # given: the county operator posts the id of the other county's application
    _, theirs = applications
    client.force_login(people.user("county_operator"))
    data = {"action": "approve_selected", "_selected_action": [theirs.pk], "apply": "1"}
    # when
    client.post(reverse(CHANGELIST), data)
    # then
    theirs.refresh_from_db()
    assert theirs.status == ApplicationStatus.SUBMITTED


def test_add_page_explains_where_applications_come_from(admin_client):
    # given / when
    response = admin_client.get(reverse("admin:verification_verificationapplication_add"))
    # then: the admin speaks the site language (zh-hans), whatever the catalogue holds
    assert response.status_code == 200
    assert "admin/sellers/created_elsewhere.html" in [t.name for t in response.templates]
    with translation.override("zh-hans"):
        expected = gettext("Sellers apply in the seller portal; review them here.")
    assert expected in response.content.decode()


def test_audit_admin_shows_operators_only_their_regions_rows(client, people: People, applications):
    # given
    client.force_login(people.user("other_county_operator"))
    # when
    response = client.get(reverse("admin:audit_auditevent_changelist"))
    # then
    sellers = {event.seller for event in response.context["cl"].result_list}
    assert sellers == {people.other_shop}


def test_operator_scope_admin_adds_through_the_audited_service(admin_client, people: People):
    # given
    worker = StaffFactory.create()
    url = reverse("admin:sellers_operatorscope_add")
    # when
    response = admin_client.post(url, {"user": worker.pk, "region": region("621121").pk})
    # then
    assert response.status_code == 302
    assert OperatorScope.objects.filter(user=worker, region__code="621121").exists()
    assert AuditEvent.objects.filter(event_type=AuditEventType.OPERATOR_SCOPE_GRANTED).exists()


def test_operator_scope_admin_is_for_platform_staff_only(client, people: People):
    # given
    client.force_login(people.user("province_operator"))
    # when
    response = client.get(reverse("admin:sellers_operatorscope_changelist"))
    # then
    assert response.status_code == 403
