"""The demo's verifications, helper and county operator, made through the real services.

After the catalogue and the logins are loaded (`load_demo`), this:

- gives the county operator its county (`grant_operator_scope`, by the platform operator);
- lets each helper act for its shops (`grant_helper`, by the shop's owner);
- for each entry of `verifications.yaml`: the shop's owner starts the application, uploads a
  drawn certificate marked 样本 / SAMPLE, and sends it; an `approved` one is then approved by the
  platform operator, so the shop's products carry the tag; a `submitted` one waits in the review
  queue of the operators of its county.

Every step writes its audit row, as it would for real people. A second load finds what the
first made (the operator's scope, the active grant, the application of that shop and kind) and
only finishes what is missing. The services open durable transactions, so this runs outside
any other transaction (`can_place_orders`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from backend.accounts.models import User
from backend.demo.definitions import AccountDef, DemoData, VerificationDef
from backend.demo.pictures import draw_sample_certificate
from backend.producers.models import Producer
from backend.regions.models import Region, RegionLevel
from backend.sellers.helper_grants import grant_helper
from backend.sellers.models import HelperGrant, OperatorScope
from backend.sellers.operators import grant_operator_scope
from backend.verification.applications import add_evidence, start_application, submit_application
from backend.verification.eligibility import required_evidence
from backend.verification.models import (
    AWAITING_REVIEW,
    ApplicationStatus,
    VerificationApplication,
)
from backend.verification.review import approve_application

CERTIFICATE_TITLES = {
    "disabled": "中华人民共和国残疾人证",
    "poor_household": "建档立卡贫困户登记证明",
    "cooperative": "农民专业合作社营业执照",
    "poverty_base": "扶贫基地认定证书",
}
# Statuses a demo application may be found in without starting a new one.
KEPT_STATUSES = (ApplicationStatus.DRAFT, *AWAITING_REVIEW, ApplicationStatus.APPROVED)


@dataclass(frozen=True)
class DemoPeopleResult:
    operator_scopes: int
    helper_grants: int
    approved: int
    awaiting_review: int


def _user(account: AccountDef) -> User:
    lookup = {"email": account.email} if account.email else {"mobile": account.login}
    return User.objects.get(**lookup)


def _certificate(producer: Producer, definition: VerificationDef) -> SimpleUploadedFile:
    lines = (
        f"姓名 / 名称：{producer.contact_name or producer.name}",
        f"店铺：{producer.name}",
        f"证号：{producer.disability_certificate_number or producer.poor_household_number or '—'}",
        "本图为演示用样本，信息均为虚构。",
        "Demo sample: invented data only.",
    )
    picture = draw_sample_certificate(CERTIFICATE_TITLES[definition.kind], lines)
    return SimpleUploadedFile(f"{definition.kind}-sample.jpg", picture, content_type="image/jpeg")


def _load_verification(
    definition: VerificationDef, *, applicant: User, reviewer: User | None
) -> VerificationApplication:
    producer = Producer.objects.get(slug=definition.shop_slug)
    application = (
        VerificationApplication.objects.filter(
            seller=producer, kind=definition.kind, status__in=KEPT_STATUSES
        )
        .order_by("-pk")
        .first()
    )
    if application is None:
        application = start_application(
            producer, kind=definition.kind, actor=applicant, statement=definition.statement
        )
    if application.status == ApplicationStatus.DRAFT:
        needed = required_evidence(definition.kind)
        if not application.evidence.filter(kind=needed).exists():
            add_evidence(
                application.pk,
                _certificate(producer, definition),
                evidence_kind=needed,
                actor=applicant,
                content_type="image/jpeg",
            )
        application = submit_application(application.pk, actor=applicant)
    wants_approval = definition.status == ApplicationStatus.APPROVED
    if wants_approval and application.status in AWAITING_REVIEW and reviewer is not None:
        application = approve_application(
            application.pk, actor=reviewer, note="演示数据：样本证件，审核通过。"
        )
    return application


def load_demo_people(data: DemoData) -> DemoPeopleResult:
    # The decision e-mails to invented sellers go nowhere (kept in memory), as the orders' do.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        return _load_demo_people(data)


def _load_demo_people(data: DemoData) -> DemoPeopleResult:
    accounts = {account.login: account for account in data.accounts}
    platform = next((_user(a) for a in data.accounts if a.role == "operator"), None)
    owners = {slug: account for account in data.accounts for slug in account.shop_slugs}

    scopes = 0
    for account in accounts.values():
        if account.role != "county_operator" or platform is None:
            continue
        operator = _user(account)
        county = Region.objects.get(code=account.county_code, level=RegionLevel.COUNTY)
        if not OperatorScope.objects.filter(user=operator, region=county).exists():
            grant_operator_scope(operator, region=county, actor=platform)
        scopes += 1

    grants = 0
    for account in accounts.values():
        if account.role != "helper":
            continue
        helper = _user(account)
        for slug in account.helps:
            producer = Producer.objects.get(slug=slug)
            if not HelperGrant.objects.active().filter(seller=producer, helper=helper).exists():
                grant_helper(
                    producer,
                    helper,
                    kind=account.helper_kind,
                    scope=account.helper_scope,
                    actor=_user(owners[slug]),
                    note="演示：志愿者帮忙上架、回复顾客",
                )
            grants += 1

    approved = waiting = 0
    for definition in data.verifications:
        application = _load_verification(
            definition, applicant=_user(owners[definition.shop_slug]), reviewer=platform
        )
        approved += application.status == ApplicationStatus.APPROVED
        waiting += application.status in AWAITING_REVIEW
    return DemoPeopleResult(
        operator_scopes=scopes, helper_grants=grants, approved=approved, awaiting_review=waiting
    )
