"""The demo's programme records (backend/demo/loading/progrec.py): run after `load_demo()`,
twice, through the real services."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

from backend.audit.models import AuditEvent
from backend.demo.accounts import DEMO_PASSWORD
from backend.demo.loading import DemoLoadResult
from backend.demo.loading.progrec import MENTOR_EMAIL, load_demo_progrec
from backend.demo.tests.conftest import demo, demo_media_root, loaded_demo  # noqa: F401
from backend.orders.models import OrderLine
from backend.programme.models import (
    ClaimStatus,
    Course,
    Enrolment,
    Household,
    HouseholdLinkKind,
    HouseholdProducerLink,
    MentorAssignment,
    SubsidyClaim,
    SupportRecord,
    Target,
)

COUNTED = (
    Household,
    HouseholdProducerLink,
    Course,
    Enrolment,
    SubsidyClaim,
    MentorAssignment,
    SupportRecord,
    Target,
    AuditEvent,
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_load_demo_progrec_twice_makes_the_records_once(demo: DemoLoadResult) -> None:  # noqa: F811
    # when
    first = load_demo_progrec()
    counts = _counts()
    refs = dict(OrderLine.objects.values_list("pk", "beneficiary_household_ref"))
    second = load_demo_progrec()
    # then
    assert first is not None
    assert second is not None
    assert _counts() == counts
    assert dict(OrderLine.objects.values_list("pk", "beneficiary_household_ref")) == refs
    assert second.attributed_lines == 0
    assert 38 <= first.households <= 50
    assert first.courses == 4


def test_load_demo_progrec_makes_records_reports_can_count(demo: DemoLoadResult) -> None:  # noqa: F811
    # when
    load_demo_progrec()
    # then
    assert Household.objects.with_disabled_member().count() >= 20
    assert Household.objects.registered_poor().count() >= 10
    assert HouseholdProducerLink.objects.filter(kind=HouseholdLinkKind.MEMBER).exists()
    assert HouseholdProducerLink.objects.filter(kind=HouseholdLinkKind.OWN_SHOP).exists()
    assert Enrolment.objects.filter(completed=True).count() >= 5
    assert Enrolment.objects.exclude(certificate="").exists()
    assert set(SubsidyClaim.objects.values_list("status", flat=True)) == {
        ClaimStatus.APPROVED,
        ClaimStatus.SUBMITTED,
    }
    assert Target.objects.filter(region__code="621123").values("year").distinct().count() == 2
    assert authenticate(username=MENTOR_EMAIL, password=DEMO_PASSWORD) is not None
    attributed = OrderLine.objects.exclude(beneficiary_household_ref="")
    codes = set(Household.objects.values_list("code", flat=True))
    assert set(attributed.values_list("beneficiary_household_ref", flat=True)) <= codes


def test_programme_admin_pages_load_on_demo_records(demo: DemoLoadResult, client) -> None:  # noqa: F811
    # given
    load_demo_progrec()
    from backend.accounts.models import User

    client.force_login(User.objects.filter(is_superuser=True).order_by("pk").first())
    names = (
        "household",
        "householdmember",
        "householdproducerlink",
        "course",
        "enrolment",
        "subsidyclaim",
        "mentorassignment",
        "mentornote",
        "listingqualityreview",
        "supportrecord",
        "target",
    )
    statuses = {}
    for name in names:
        model = next(m for m in COUNTED + _others() if m._meta.model_name == name)
        row = model.objects.order_by("pk").first()
        statuses[name] = (
            client.get(reverse(f"admin:programme_{name}_changelist")).status_code,
            client.get(reverse(f"admin:programme_{name}_change", args=[row.pk])).status_code,
        )
    # then
    assert statuses == dict.fromkeys(names, (200, 200))


def _others() -> tuple[type, ...]:
    from backend.programme.models import (
        HouseholdMember,
        ListingQualityReview,
        MentorNote,
    )

    return (HouseholdMember, ListingQualityReview, MentorNote)


pytestmark = pytest.mark.django_db
