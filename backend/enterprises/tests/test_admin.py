"""The operators' admin: enterprises of their region only; verify as an action, refuse and
suspend only with a reason (asked on a second page); benefit links entered by one operator and
verified by another, each through the audited services."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.audit.models import AuditEvent, AuditEventType
from backend.enterprises.models import BenefitLink, BenefitLinkStatus, EnterpriseStatus
from backend.enterprises.tests.factories import EnterpriseFactory, new_operator
from backend.regions.models import Region

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:enterprises_enterprise_changelist")
LINKS = reverse("admin:enterprises_benefitlink_changelist")


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_changelist_only_operator_region(db):  # type: ignore[no-untyped-def]
    # given an enterprise in 兰州 (甘肃) and one in 北京
    EnterpriseFactory(status=EnterpriseStatus.PENDING, name="甘肃食堂")
    EnterpriseFactory(name="北京食堂", region=Region.objects.get(code="110105"))
    operator = new_operator("62")
    # when
    html = _client(operator).get(CHANGELIST).content.decode()
    # then
    assert "甘肃食堂" in html
    assert "北京食堂" not in html


def test_verify_action_then_reject_needs_reason(db):  # type: ignore[no-untyped-def]
    # given
    pending = EnterpriseFactory(status=EnterpriseStatus.PENDING)
    other = EnterpriseFactory(status=EnterpriseStatus.PENDING)
    operator = new_operator()
    client = _client(operator)
    # when: verify the first; refuse the second, first without then with a reason
    client.post(CHANGELIST, {"action": "verify_selected", "_selected_action": [pending.pk]})
    asked = client.post(CHANGELIST, {"action": "reject_selected", "_selected_action": [other.pk]})
    client.post(
        CHANGELIST,
        {
            "action": "reject_selected",
            "_selected_action": [other.pk],
            "apply": "1",
            "reason": "营业执照与名称不符",
        },
    )
    # then
    pending.refresh_from_db()
    other.refresh_from_db()
    assert pending.status == EnterpriseStatus.VERIFIED
    assert str(_("Reason the enterprise will read")) in asked.content.decode()
    assert other.status == EnterpriseStatus.REJECTED
    assert other.status_reason == "营业执照与名称不符"
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.ENTERPRISE_REJECTED, actor=operator
    ).exists()


def test_benefit_link_entered_then_verified_by_another(db):  # type: ignore[no-untyped-def]
    # given
    enterprise = EnterpriseFactory()
    first, second = new_operator(), new_operator()
    # when the first operator adds a link through the admin form
    _client(first).post(
        reverse("admin:enterprises_benefitlink_add"),
        {
            "enterprise": enterprise.pk,
            "kind": "employs",
            "year": timezone.localdate().year,
            "household_ref": "",
            "disabled_employee_count": "11",
            "amount": "0",
            "description": "残疾职工名册已核对",
        },
    )
    link = BenefitLink.objects.get()
    _client(first).post(LINKS, {"action": "verify_selected", "_selected_action": [link.pk]})
    link.refresh_from_db()
    still_pending = link.status
    _client(second).post(LINKS, {"action": "verify_selected", "_selected_action": [link.pk]})
    # then
    link.refresh_from_db()
    assert still_pending == BenefitLinkStatus.PENDING
    assert link.status == BenefitLinkStatus.VERIFIED
    assert (link.recorded_by, link.verified_by) == (first, second)


def test_enterprise_member_without_operator_scope_no_admin(db):  # type: ignore[no-untyped-def]
    # given a staff account with no operator scope
    from backend.checkout.tests.scenarios import new_user

    user = new_user(is_staff=True)
    # when / then
    assert _client(user).get(CHANGELIST).status_code in (302, 403)
