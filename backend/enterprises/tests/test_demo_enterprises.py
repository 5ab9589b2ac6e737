"""The demo enterprises: loaded after `load_demo()`, twice without duplicates, verified through
the services, with members who can sign in, delivery sites, an open request with quotes from
two demo shops, pledges (the staff member's purchase counted) and a verified benefit link; the
procurement loader then finds the same two enterprises."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.test import override_settings

from backend.audit.models import AuditEvent, AuditEventType
from backend.demo.accounts import DEMO_PASSWORD
from backend.demo.loading import load_demo
from backend.demo.loading.enterprises import load_demo_enterprises
from backend.demo.loading.procurement import load_demo_procurement
from backend.enterprises.benefit_links import benefit_register
from backend.enterprises.models import (
    BenefitLink,
    DeliverySite,
    Enterprise,
    EnterpriseMember,
    EnterpriseStatus,
    Pledge,
)
from backend.enterprises.pledges import pledges_progress
from backend.sourcing.models import PurchaseRequest, Quote, QuoteInvitation, RequestStatus

pytestmark = pytest.mark.django_db

LOGINS = (
    "canteen-admin",
    "canteen-buyer",
    "canteen-approver",
    "canteen-finance",
    "canteen-staff",
    "agri-admin",
    "agri-buyer",
    "link-operator",
)


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            Enterprise,
            EnterpriseMember,
            DeliverySite,
            Pledge,
            PurchaseRequest,
            Quote,
            QuoteInvitation,
            BenefitLink,
            AuditEvent,
        )
    )


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_load_demo_enterprises_twice_idempotent(tmp_path, settings):  # type: ignore[no-untyped-def]
    # given
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.VERIFICATION_EVIDENCE_ROOT = str(tmp_path / "evidence")
    load_demo()
    # when
    first = load_demo_enterprises()
    counts = _counts()
    second = load_demo_enterprises()
    # then
    assert [e.pk for e in first] == [e.pk for e in second]
    assert _counts() == counts
    canteen, agri = first
    assert (canteen.kind, agri.kind) == ("canteen", "leading_agricultural")
    assert all(e.status == EnterpriseStatus.VERIFIED for e in first)
    assert AuditEvent.objects.filter(event_type=AuditEventType.ENTERPRISE_VERIFIED).count() == 2
    for login in LOGINS:
        user = authenticate(username=f"{login}@demo.sunshine.test", password=DEMO_PASSWORD)
        assert user is not None, login
    request = PurchaseRequest.objects.get(enterprise=agri)
    assert request.status == RequestStatus.OPEN
    assert request.quotes.count() == 2
    assert request.invitations.count() >= 2
    progress = {p.pledge.enterprise_id: p for p in pledges_progress(Pledge.objects.all())}
    assert progress[canteen.pk].target_amount == 120000
    assert progress[canteen.pk].staff_amount > 0
    assert progress[agri.pk].target_amount == 500000
    year = progress[agri.pk].pledge.year
    assert benefit_register(agri, year).disabled_employees == 12


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_procurement_loader_meets_the_same_enterprises(tmp_path, settings):  # type: ignore[no-untyped-def]
    # given
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.VERIFICATION_EVIDENCE_ROOT = str(tmp_path / "evidence")
    load_demo()
    enterprises = load_demo_enterprises()
    # when
    contracts = load_demo_procurement()
    # then: their contracts belong to our two enterprises, and no third one appeared
    assert {c.enterprise_id for c in contracts} == {e.pk for e in enterprises}
    assert Enterprise.objects.count() == 2
    canteen = enterprises[0]
    progress = pledges_progress(Pledge.objects.filter(enterprise=canteen))[0]
    assert progress.procurement_amount > 0
    assert benefit_register(canteen, progress.pledge.year).households >= 1
