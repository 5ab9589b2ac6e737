"""The demo's verifications, helper, applicant and county operator (fixtures/demo)."""

from __future__ import annotations

from io import BytesIO

from django.contrib.auth import authenticate
from django.test import Client
from django.urls import reverse
from PIL import Image

from backend.audit.models import AuditEvent, AuditEventType
from backend.demo.accounts import DEMO_PASSWORD
from backend.demo.loading import DemoLoadResult, load_demo
from backend.producers.models import Producer
from backend.sellers.models import HelperGrant, HelperKind, HelperScope, OperatorScope
from backend.sellers.permissions import SellerAction, seller_policy
from backend.verification.models import (
    ApplicationStatus,
    VerificationApplication,
    VerificationEvidence,
)
from backend.verification.permissions import applications_in_review_queue
from backend.verification.storage import evidence_storage
from backend.verification.tags import live_tags_for_producers

COUNTY_OPERATOR = "weiyuan-federation@demo.sunshine.test"
PLATFORM_OPERATOR = "operator@demo.sunshine.test"
HELPER = "helper@demo.sunshine.test"
APPLICANT = "applicant@demo.sunshine.test"
VERIFIED = {
    "chunsheng-herbs": "disabled",
    "ma-family-huangqi": "poor_household",
    "huichuan-herb-coop": "cooperative",
}
PENDING_SHOP = "guilan-angelica"


def _sign_in(login: str):  # type: ignore[no-untyped-def]
    user = authenticate(username=login, password=DEMO_PASSWORD)
    assert user is not None, login
    return user


def test_load_demo_verified_producers_have_live_tags(demo: DemoLoadResult) -> None:
    # given the loaded demo
    producers = Producer.objects.in_bulk([*VERIFIED, PENDING_SHOP], field_name="slug")

    # when we read the live tags of the verified shops and the pending applicant
    tags = live_tags_for_producers(p.pk for p in producers.values())

    # then each verified shop has exactly its tag, and the applicant has none yet
    assert {slug: [t.code for t in tags[producers[slug].pk]] for slug in VERIFIED} == {
        slug: [kind] for slug, kind in VERIFIED.items()
    }
    assert tags[producers[PENDING_SHOP].pk] == ()
    assert demo.verified == 3
    assert demo.awaiting_review == 1


def test_load_demo_approvals_went_through_the_services_with_sample_evidence(
    demo: DemoLoadResult,
) -> None:
    # given the loaded demo
    approved = VerificationApplication.objects.filter(
        seller__slug__in=VERIFIED, status=ApplicationStatus.APPROVED
    ).select_related("decided_by", "created_by", "seller__owner")

    # when we look at who did what, and at the evidence files
    evidence = VerificationEvidence.objects.filter(application__in=approved)
    pictures = [Image.open(BytesIO(evidence_storage().open(e.file.name).read())) for e in evidence]

    # then the owner applied, the platform operator decided, each step left an audit row, and
    # every application carries one drawn JPEG certificate
    assert {a.seller.slug for a in approved} == set(VERIFIED)
    assert {a.decided_by.email for a in approved if a.decided_by} == {PLATFORM_OPERATOR}
    assert all(a.created_by == a.seller.owner for a in approved)
    steps = AuditEvent.objects.filter(
        seller__slug__in=VERIFIED,
        event_type__in=[
            AuditEventType.VERIFICATION_STARTED,
            AuditEventType.VERIFICATION_SUBMITTED,
            AuditEventType.VERIFICATION_APPROVED,
        ],
    )
    assert steps.count() == 3 * len(VERIFIED)
    assert evidence.count() == len(VERIFIED)
    assert {(p.format, p.size) for p in pictures} == {("JPEG", (900, 600))}
    assert all("sample" in e.original_name for e in evidence)


def test_load_demo_pending_application_is_in_the_county_operators_queue(
    demo: DemoLoadResult,
) -> None:
    # given the county federation's operator and the applicant's shop
    operator = _sign_in(COUNTY_OPERATOR)
    applicant = _sign_in(APPLICANT)

    # when we read the operator's review queue
    queue = applications_in_review_queue(operator)

    # then the applicant's submitted application waits there, sent by the applicant
    pending = queue.get(seller__slug=PENDING_SHOP)
    assert pending.status == ApplicationStatus.SUBMITTED
    assert pending.created_by == applicant
    assert pending.evidence.count() == 1
    assert Producer.objects.get(slug=PENDING_SHOP).owner == applicant


def test_load_demo_county_operator_is_staff_scoped_to_weiyuan(demo: DemoLoadResult) -> None:
    # given the county federation's operator
    operator = _sign_in(COUNTY_OPERATOR)

    # when we read its regions and the shops it may review
    scopes = list(
        OperatorScope.objects.filter(user=operator).values_list("region__code", flat=True)
    )
    reviewable = seller_policy.instances_for(operator, SellerAction.REVIEW_VERIFICATION)

    # then it is staff but no superuser, covers 渭源县 only, and reviews only shops there
    assert operator.is_staff
    assert not operator.is_superuser
    assert scopes == ["621123"]
    assert reviewable.filter(slug=PENDING_SHOP).exists()
    assert not reviewable.exclude(region__county_code="621123").exists()


def test_load_demo_county_operator_sees_the_pending_application_in_the_admin(
    demo: DemoLoadResult,
) -> None:
    # given the county operator signed in to the admin
    client = Client()
    client.force_login(_sign_in(COUNTY_OPERATOR))

    # when it opens the applications waiting for review
    response = client.get(reverse("admin:verification_verificationapplication_changelist"))

    # then the applicant's shop is listed
    assert response.status_code == 200
    assert Producer.objects.get(slug=PENDING_SHOP).name in response.content.decode()


def test_load_demo_volunteer_helps_the_verified_disabled_seller_with_scope_all(
    demo: DemoLoadResult,
) -> None:
    # given the demo helper
    helper = _sign_in(HELPER)

    # when we read its grants
    grants = list(HelperGrant.objects.active().filter(helper=helper).select_related("seller"))

    # then it is a volunteer with scope "all" for the verified disabled seller, granted by
    # that seller, and it owns no shop and is no staff
    assert [(g.seller.slug, g.kind, g.scope) for g in grants] == [
        ("chunsheng-herbs", HelperKind.VOLUNTEER, HelperScope.ALL)
    ]
    assert grants[0].granted_by == grants[0].seller.owner
    assert not helper.is_staff
    assert not Producer.objects.filter(owner=helper).exists()


def test_load_demo_second_run_adds_no_application_grant_scope_or_audit_row(
    demo: DemoLoadResult,
) -> None:
    # given the demo loaded once, with its applications, grants, scopes and audit rows
    models = (VerificationApplication, VerificationEvidence, HelperGrant, OperatorScope, AuditEvent)
    before = {model.__name__: model.objects.count() for model in models}

    # when it is loaded again
    result = load_demo()

    # then nothing new was made, and the same shops are verified or waiting
    assert {model.__name__: model.objects.count() for model in models} == before
    assert (result.verified, result.awaiting_review) == (3, 1)
