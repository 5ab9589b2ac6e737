"""Evidence is reachable only through the permission-checking view."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from backend.audit.models import AuditEvent, AuditEventType
from backend.sellers.tests.scenarios import People
from backend.verification.models import VerificationEvidence
from backend.verification.tests.scenarios import submitted_application

pytestmark = pytest.mark.django_db

ALLOWED = {"owner", "co_owner", "helper_all", "county_operator", "city_operator", "superuser"}
REFUSED = {
    "helper_products",
    "helper_orders",
    "revoked_helper",
    "other_seller",
    "enterprise",
    "other_county_operator",
    "staff_without_region",
}


@pytest.fixture
def evidence(people: People) -> VerificationEvidence:
    return submitted_application(people).evidence.get()


def _get(client, people: People, role: str, public_id):  # type: ignore[no-untyped-def]
    user = people[role]
    if not isinstance(user, AnonymousUser):
        client.force_login(user)
    return client.get(reverse("verification:evidence", args=[public_id]))


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_evidence_view_serves_the_file_to_those_allowed(client, people: People, evidence, role):
    # given / when
    response = _get(client, people, role, evidence.public_id)
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")
    assert "残疾人证" not in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("role", sorted(REFUSED))
def test_evidence_view_is_404_for_everyone_else(client, people: People, evidence, role):
    # given / when
    response = _get(client, people, role, evidence.public_id)
    # then
    assert response.status_code == 404


def test_evidence_view_unknown_id_is_the_same_404(client, people: People, evidence):
    # given / when
    response = _get(client, people, "owner", uuid.uuid4())
    # then
    assert response.status_code == 404


def test_evidence_view_anonymous_is_sent_to_sign_in_for_any_id(client, people: People, evidence):
    # given / when
    real = _get(client, people, "anonymous", evidence.public_id)
    made_up = _get(client, people, "anonymous", uuid.uuid4())
    # then
    assert real.status_code == made_up.status_code == 302
    assert real["Location"].startswith("/seller/login/")
    assert made_up["Location"].startswith("/seller/login/")


def test_evidence_view_records_who_looked(client, people: People, evidence):
    # given / when
    _get(client, people, "city_operator", evidence.public_id)
    # then
    event = AuditEvent.objects.get(event_type=AuditEventType.VERIFICATION_EVIDENCE_VIEWED)
    assert event.actor == people["city_operator"]
    assert event.subject_id == str(evidence.pk)
    assert event.extra_data["as_operator"] is True
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.VERIFICATION_EVIDENCE_VIEWED).count()
        == 1
    )


def test_evidence_view_pdf_is_an_attachment(client, people: People):
    # given
    from backend.verification.applications import add_evidence, start_application
    from backend.verification.tests.conftest import pdf_upload

    application = start_application(people.shop, kind="disabled", actor=people.user("owner"))
    pdf = add_evidence(
        application.pk, pdf_upload(), evidence_kind="other", actor=people.user("owner")
    )
    # when
    response = _get(client, people, "owner", pdf.public_id)
    # then
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


def test_evidence_view_refuses_post(client, people: People, evidence):
    # given
    client.force_login(people.user("owner"))
    # when
    response = client.post(reverse("verification:evidence", args=[evidence.public_id]))
    # then
    assert response.status_code == 405
