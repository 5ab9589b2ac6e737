"""Verification from the seller's side: tags and dates, applications, evidence, renewal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from backend.audit.models import AuditEvent, AuditEventType
from backend.sellers.tests.scenarios import People, build_people
from backend.verification.applications import start_application
from backend.verification.models import (
    ApplicationStatus,
    EvidenceKind,
    VerificationApplication,
    VerificationEvidence,
    VerificationKind,
)
from backend.verification.review import reject_application, request_more_information
from backend.verification.tests.conftest import PDF_BYTES, image_bytes, pdf_upload, png_upload
from backend.verification.tests.scenarios import approved_application, submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def evidence_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.VERIFICATION_EVIDENCE_ROOT = tmp_path / "private-evidence"
    return settings.VERIFICATION_EVIDENCE_ROOT


@pytest.fixture
def people(db) -> People:  # type: ignore[no-untyped-def]
    return build_people()


@pytest.fixture
def owner_client(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people.user("owner"))
    return client


def _base(people: People) -> str:
    return f"/en/seller/shop/{people.shop.pk}/verification/"


def _draft(people: People) -> VerificationApplication:
    return start_application(
        people.shop, kind=VerificationKind.DISABLED, actor=people.user("owner")
    )


def test_verification_overview_without_applications_offers_to_apply(owner_client, people):
    html = owner_client.get(_base(people)).content.decode()
    assert "No tags yet." in html
    assert f'href="{_base(people)}new/"' in html


def test_verification_start_lists_eligible_kinds_and_says_why_others_are_not(owner_client, people):
    # when
    html = owner_client.get(f"{_base(people)}new/").content.decode()
    # then: a disabled seller's shop with a certificate number, no household number
    assert 'value="disabled"' in html
    assert 'value="poor_household"' not in html
    assert "Add the poor-household registration number to the shop&#x27;s details first." in html
    assert "This kind of shop cannot apply for this verification." in html


def test_verification_start_creates_a_draft_and_goes_to_it(owner_client, people):
    # when
    response = owner_client.post(
        f"{_base(people)}new/", {"kind": "disabled", "statement": "持证肢体二级"}
    )
    # then
    application = VerificationApplication.objects.get(seller=people.shop)
    assert response["Location"] == f"{_base(people)}{application.pk}/"
    assert (application.status, application.statement) == (ApplicationStatus.DRAFT, "持证肢体二级")
    assert AuditEvent.objects.filter(
        seller=people.shop, event_type=AuditEventType.VERIFICATION_STARTED
    ).exists()


def test_verification_start_without_a_choice_keeps_the_note(owner_client, people):
    html = owner_client.post(f"{_base(people)}new/", {"statement": "我的说明"}).content.decode()
    assert 'href="#id_kind_0"' in html
    assert "我的说明" in html
    assert not VerificationApplication.objects.exists()


def test_verification_evidence_upload_then_submit(owner_client, people):
    # given
    application = _draft(people)
    url = f"{_base(people)}{application.pk}/"
    # when
    upload = owner_client.post(
        url, {"evidence_kind": EvidenceKind.DISABILITY_CERTIFICATE, "camera": png_upload()}
    )
    sent = owner_client.post(f"{url}submit/")
    # then
    assert upload["Location"] == f"{url}#documents"
    assert sent.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    evidence = VerificationEvidence.objects.get()
    assert evidence.kind == EvidenceKind.DISABILITY_CERTIFICATE


def test_verification_page_offers_camera_and_pdf_and_links_evidence_privately(owner_client, people):
    # given
    application = _draft(people)
    url = f"{_base(people)}{application.pk}/"
    owner_client.post(
        url, {"evidence_kind": EvidenceKind.DISABILITY_CERTIFICATE, "document": pdf_upload()}
    )
    evidence = VerificationEvidence.objects.get()
    # when
    html = owner_client.get(url).content.decode()
    # then
    assert 'accept="image/*,application/pdf"' in html
    assert 'capture="environment"' in html
    assert f'href="/evidence/{evidence.public_id}/"' in html
    assert settings.MEDIA_URL not in html.split("<main", 1)[1]
    assert evidence.file.name not in html


def test_verification_evidence_is_never_under_a_public_url(owner_client, people, client):
    # given
    application = _draft(people)
    owner_client.post(
        f"{_base(people)}{application.pk}/",
        {"evidence_kind": EvidenceKind.DISABILITY_CERTIFICATE, "camera": png_upload()},
    )
    evidence = VerificationEvidence.objects.get()
    stranger = Client()
    stranger.force_login(people.user("other_seller"))
    # when
    through_view = owner_client.get(f"/evidence/{evidence.public_id}/")
    through_media = Client().get(f"{settings.MEDIA_URL}{evidence.file.name}")
    as_stranger = stranger.get(f"/evidence/{evidence.public_id}/")
    # then
    assert through_view.status_code == 200
    assert through_view["Cache-Control"] == "private, no-store"
    assert through_media.status_code == 404
    assert as_stranger.status_code == 404
    with pytest.raises(ValueError, match="no public URL"):
        evidence.file.url  # noqa: B018


@pytest.mark.parametrize(
    ("field", "upload", "message"),
    [
        (
            "document",
            SimpleUploadedFile("scan.pdf", b"%PDF-1.4 truncated", content_type="application/pdf"),
            "This file is not a PDF we can read",
        ),
        (
            "document",
            SimpleUploadedFile("scan.exe", b"MZ....", content_type="application/octet-stream"),
            "are not accepted",
        ),
        (
            "camera",
            SimpleUploadedFile("photo.pdf", image_bytes("PNG"), content_type="application/pdf"),
            "but its name ends in",
        ),
        ("camera", SimpleUploadedFile("empty.png", b"", content_type="image/png"), "empty"),
    ],
)
def test_verification_upload_error_is_clear_and_keeps_the_document_choice(
    owner_client, people, field, upload, message
):
    # given
    application = _draft(people)
    # when
    response = owner_client.post(
        f"{_base(people)}{application.pk}/",
        {"evidence_kind": EvidenceKind.OTHER, field: upload},
    )
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html
    assert f'href="#id_{field}"' in html
    assert message in html
    assert '<option value="other" selected>' in html
    assert not VerificationEvidence.objects.exists()


def test_verification_upload_too_large_names_the_limit(owner_client, people, settings):
    settings.VERIFICATION_EVIDENCE_MAX_BYTES = 100
    application = _draft(people)
    big = SimpleUploadedFile("scan.pdf", PDF_BYTES * 3, content_type="application/pdf")
    html = owner_client.post(
        f"{_base(people)}{application.pk}/",
        {"evidence_kind": EvidenceKind.DISABILITY_CERTIFICATE, "document": big},
    ).content.decode()
    assert "the largest we accept is 100" in html


def test_verification_upload_without_a_file_asks_for_one(owner_client, people):
    application = _draft(people)
    html = owner_client.post(
        f"{_base(people)}{application.pk}/", {"evidence_kind": EvidenceKind.OTHER}
    ).content.decode()
    assert "Take a photo of the document or choose a file from your device" in html


def test_verification_submit_without_the_needed_document_says_which(owner_client, people):
    # given
    application = _draft(people)
    # when
    response = owner_client.post(f"{_base(people)}{application.pk}/submit/")
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "Upload the disability certificate photo before you send the application." in html
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_verification_rejected_shows_the_reason(owner_client, people):
    application = submitted_application(people)
    reject_application(
        application.pk, actor=people.user("county_operator"), reason="证件照片看不清"
    )
    assert "证件照片看不清" in owner_client.get(_base(people)).content.decode()
    detail = owner_client.get(f"{_base(people)}{application.pk}/").content.decode()
    assert "证件照片看不清" in detail


def test_verification_more_information_then_resubmit_with_a_note(owner_client, people):
    # given
    application = submitted_application(people)
    request_more_information(
        application.pk, actor=people.user("county_operator"), reason="请补充户口本照片"
    )
    url = f"{_base(people)}{application.pk}/"
    # when
    detail = owner_client.get(url).content.decode()
    owner_client.post(
        url, {"evidence_kind": EvidenceKind.OTHER, "camera": png_upload("户口本.png")}
    )
    page = owner_client.get(f"{url}resubmit/").content.decode()
    response = owner_client.post(f"{url}resubmit/", {"note": "已补充户口本"})
    # then
    assert "请补充户口本照片" in detail
    assert f'href="{url}resubmit/"' in detail
    assert "请补充户口本照片" in page
    assert response["Location"] == url
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RESUBMITTED
    event = AuditEvent.objects.get(event_type=AuditEventType.VERIFICATION_RESUBMITTED)
    assert event.extra_data["reason"] == "已补充户口本"


def test_verification_resubmit_of_a_draft_goes_back_to_it(owner_client, people):
    application = _draft(people)
    url = f"{_base(people)}{application.pk}/"
    assert owner_client.get(f"{url}resubmit/")["Location"] == url


def test_verification_withdraw_asks_first_then_withdraws(owner_client, people):
    # given
    application = submitted_application(people)
    url = f"{_base(people)}{application.pk}/withdraw/"
    # when
    question = owner_client.get(url).content.decode()
    response = owner_client.post(url)
    # then
    assert "Are you sure you want to withdraw the application?" in question
    assert response["Location"] == _base(people)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_verification_live_tag_shows_dates_and_renewal_when_it_ends_soon(owner_client, people):
    # given: approved 360 days ago for a year, so it ends in 5 days
    approval = approved_application(people, now=timezone.now() - timedelta(days=360))
    # when
    html = owner_client.get(_base(people)).content.decode()
    response = owner_client.post(f"{_base(people)}{approval.pk}/renew/")
    # then
    assert "Disabled seller" in html
    assert timezone.localtime(approval.valid_until).strftime("%Y-%m-%d") in html
    assert f'action="{_base(people)}{approval.pk}/renew/"' in html
    renewal = VerificationApplication.objects.get(renewal_of=approval)
    assert response["Location"] == f"{_base(people)}{renewal.pk}/"
    assert renewal.evidence.count() == approval.evidence.count()


def test_verification_live_tag_far_from_its_end_offers_no_renewal(owner_client, people):
    approved_application(people)
    html = owner_client.get(_base(people)).content.decode()
    assert "Disabled seller" in html
    assert "/renew/" not in html


def test_verification_lapsed_tag_says_it_ended(owner_client, people):
    approved_application(people, now=timezone.now() - timedelta(days=400))
    html = owner_client.get(_base(people)).content.decode()
    assert "No tags yet." in html
    assert "Your products no longer show this tag." in html
    assert "/renew/" in html


def test_verification_application_of_another_shop_is_404(client, people):
    # given
    application = _draft(people)
    client.force_login(people.user("other_seller"))
    other = f"/en/seller/shop/{people.other_shop.pk}/verification/{application.pk}/"
    # when / then
    assert client.get(other).status_code == 404
    assert client.post(other + "submit/").status_code == 404
    assert client.post(other + "withdraw/").status_code == 404


def test_verification_forms_refuse_posts_without_csrf(people):
    application = _draft(people)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people.user("owner"))
    base = _base(people)
    for path in ("new/", f"{application.pk}/", f"{application.pk}/submit/",
                 f"{application.pk}/resubmit/", f"{application.pk}/withdraw/",
                 f"{application.pk}/renew/"):  # fmt: skip
        assert strict.post(base + path, {}).status_code == 403, path
