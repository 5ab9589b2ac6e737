"""Enterprise registration, members, delivery sites and operators' decisions: each an audited
transaction; operators only in their regions and never on their own enterprise."""

from __future__ import annotations

import pytest

from backend.audit.models import AuditEvent, AuditEventType
from backend.checkout.tests.scenarios import new_user
from backend.enterprises.credit_code import complete_credit_code
from backend.enterprises.delivery_sites import SiteDraft, add_delivery_site
from backend.enterprises.errors import EnterpriseError, EnterpriseErrorCode
from backend.enterprises.membership import add_member, remove_member
from backend.enterprises.models import (
    EnterpriseKind,
    EnterpriseMember,
    EnterpriseRole,
    EnterpriseStatus,
)
from backend.enterprises.registration import EnterpriseDraft, register_enterprise
from backend.enterprises.tests.factories import new_operator
from backend.enterprises.verification import (
    reject_enterprise,
    suspend_enterprise,
    verify_enterprise,
)
from backend.regions.models import Region

pytestmark = pytest.mark.django_db
CODE = complete_credit_code("91620102MA7YYYYY1")


def _draft(code: str = CODE) -> EnterpriseDraft:
    return EnterpriseDraft(
        name="  金城  中央厨房有限公司 ",
        kind=EnterpriseKind.CANTEEN,
        credit_code=code,
        region=Region.objects.get(code="620102"),
    )


def test_register_enterprise_pending_with_admin_audited(db):  # type: ignore[no-untyped-def]
    # given
    person = new_user(email="founder@enterprise.test")
    # when
    enterprise = register_enterprise(_draft(CODE.lower()), actor=person)
    # then
    assert enterprise.status == EnterpriseStatus.PENDING
    assert enterprise.name == "金城 中央厨房有限公司"
    assert enterprise.credit_code == CODE
    member = EnterpriseMember.objects.get(enterprise=enterprise)
    assert (member.user, member.role) == (person, EnterpriseRole.ADMIN)
    event = AuditEvent.objects.get(event_type=AuditEventType.ENTERPRISE_REGISTERED)
    assert (event.actor, event.new["credit_code"]) == (person, CODE)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("", EnterpriseErrorCode.REQUIRED),
        ("9162", EnterpriseErrorCode.WRONG_LENGTH),
        ("O" + CODE[1:], EnterpriseErrorCode.INVALID_CHARACTERS),
        (CODE[:-1] + ("0" if CODE[-1] != "0" else "1"), EnterpriseErrorCode.WRONG_CHECK_CHARACTER),
    ],
)
def test_register_enterprise_bad_credit_code_each_code(db, code, expected):  # type: ignore[no-untyped-def]
    # when
    with pytest.raises(EnterpriseError) as refused:
        register_enterprise(_draft(code), actor=new_user())
    # then
    assert (refused.value.code, refused.value.field) == (expected, "credit_code")


def test_register_enterprise_same_code_twice_taken(db):  # type: ignore[no-untyped-def]
    # given
    register_enterprise(_draft(), actor=new_user())
    # when
    with pytest.raises(EnterpriseError) as refused:
        register_enterprise(_draft(), actor=new_user())
    # then
    assert refused.value.code == EnterpriseErrorCode.CREDIT_CODE_TAKEN


def test_operator_verifies_rejects_suspends_audited(db):  # type: ignore[no-untyped-def]
    # given a pending enterprise in 兰州 and an operator for 甘肃
    operator = new_operator("62")
    enterprise = register_enterprise(_draft(), actor=new_user())
    # when
    with pytest.raises(EnterpriseError) as no_reason:
        reject_enterprise(enterprise, actor=operator, reason=" ")
    verified = verify_enterprise(enterprise, actor=operator)
    suspended = suspend_enterprise(enterprise, actor=operator, reason="发票信息不实")
    # then
    assert no_reason.value.field == "reason"
    assert verified.verified_by == operator
    assert suspended.status == EnterpriseStatus.SUSPENDED
    assert suspended.status_reason == "发票信息不实"
    rows = list(
        AuditEvent.objects.filter(subject_type="enterprises.enterprise", actor=operator).order_by(
            "pk"
        )
    )
    assert [(r.event_type, r.old, r.new) for r in rows] == [
        (AuditEventType.ENTERPRISE_VERIFIED, "pending", "verified"),
        (AuditEventType.ENTERPRISE_SUSPENDED, "verified", "suspended"),
    ]
    assert rows[1].extra_data["reason"] == "发票信息不实"


def test_verify_enterprise_outside_region_or_own_or_member_not_found(db):  # type: ignore[no-untyped-def]
    # given an operator for 北京, and a country-wide operator who registered the enterprise
    beijing = new_operator("11")
    insider = new_operator()
    enterprise = register_enterprise(_draft(), actor=insider)
    # when / then
    for actor in (beijing, insider, new_user()):
        with pytest.raises(EnterpriseError) as refused:
            verify_enterprise(enterprise, actor=actor)
        assert refused.value.code == EnterpriseErrorCode.NOT_FOUND
    enterprise.refresh_from_db()
    assert enterprise.status == EnterpriseStatus.PENDING


def test_reject_verified_enterprise_invalid_transition(side):  # type: ignore[no-untyped-def]
    # given a verified enterprise
    operator = new_operator()
    # when
    with pytest.raises(EnterpriseError) as refused:
        reject_enterprise(side.enterprise, actor=operator, reason="x")
    # then
    assert refused.value.code == EnterpriseErrorCode.INVALID_TRANSITION


def test_add_member_by_mobile_then_remove_audited(side):  # type: ignore[no-untyped-def]
    # given an account with a mobile number
    person = new_user(mobile="13912345678", email=None)
    # when
    member = add_member(side.enterprise, login="139 1234 5678", role="staff", actor=side.admin)
    with pytest.raises(EnterpriseError) as twice:
        add_member(side.enterprise, login="13912345678", role="staff", actor=side.admin)
    removed = remove_member(member, actor=side.admin)
    # then
    assert (member.user, member.role) == (person, EnterpriseRole.STAFF)
    assert twice.value.code == EnterpriseErrorCode.ALREADY_MEMBER
    assert removed.removed_at is not None
    types = list(
        AuditEvent.objects.filter(subject_type="enterprises.enterprisemember")
        .order_by("pk")
        .values_list("event_type", flat=True)
    )
    assert types == [
        AuditEventType.ENTERPRISE_MEMBER_ADDED,
        AuditEventType.ENTERPRISE_MEMBER_REMOVED,
    ]


def test_add_member_unknown_login_no_account(side):  # type: ignore[no-untyped-def]
    # when
    with pytest.raises(EnterpriseError) as refused:
        add_member(side.enterprise, login="nobody@example.test", role="buyer", actor=side.admin)
    # then
    assert refused.value.code == EnterpriseErrorCode.NO_ACCOUNT


def test_remove_last_admin_refused(side):  # type: ignore[no-untyped-def]
    # given the only administrator
    admin = EnterpriseMember.objects.get(enterprise=side.enterprise, role=EnterpriseRole.ADMIN)
    # when
    with pytest.raises(EnterpriseError) as refused:
        remove_member(admin, actor=side.admin)
    # then
    assert refused.value.code == EnterpriseErrorCode.LAST_ADMIN


def test_add_delivery_site_bad_mobile_then_good(side):  # type: ignore[no-untyped-def]
    # given
    county = Region.objects.get(code="620102")
    draft = SiteDraft("第二食堂", county, "天水南路222号", "赵师傅", "12345")
    # when
    with pytest.raises(EnterpriseError) as refused:
        add_delivery_site(side.enterprise, draft, actor=side.buyer)
    site = add_delivery_site(
        side.enterprise,
        SiteDraft("第二食堂", county, "天水南路222号", "赵师傅", "+86 139-0000-3333"),
        actor=side.buyer,
    )
    # then
    assert refused.value.field == "contact_mobile"
    assert site.contact_mobile == "13900003333"
    assert AuditEvent.objects.filter(event_type=AuditEventType.DELIVERY_SITE_ADDED).count() == 1
