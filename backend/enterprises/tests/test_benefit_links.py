"""The benefit-link register: "buys from" follows purchases (accepted procurement value and
staff purchases, per producer and supplying household) with no entry by anyone; employment,
inputs and bills are entered by one operator, verified by another, audited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from backend.audit.models import AuditEvent, AuditEventType
from backend.checkout.tests.scenarios import listed_variant, new_producer, new_user
from backend.enterprises.benefit_links import (
    LinkDraft,
    benefit_register,
    decide_benefit_link,
    record_benefit_link,
)
from backend.enterprises.errors import EnterpriseError, EnterpriseErrorCode
from backend.enterprises.models import BenefitKind, BenefitLinkStatus, EnterpriseRole
from backend.enterprises.tests.factories import EnterpriseMemberFactory, new_operator
from backend.enterprises.tests.purchases import accepted_delivery, personal_order

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def test_register_buys_from_follows_purchases(channel, side, other_side, seller):  # type: ignore[no-untyped-def]
    # given no purchases, the register is empty
    assert benefit_register(side.enterprise, YEAR).buys_from == []
    # when the enterprise accepts a delivery and a staff member buys from another producer
    producer, owner = seller
    accepted_delivery(channel, side, producer, owner, units=20, accept=20)
    staff = new_user(email="staff-a@enterprise.test")
    EnterpriseMemberFactory(enterprise=side.enterprise, user=staff, role=EnterpriseRole.STAFF)
    household_shop = new_producer()
    variant = listed_variant(channel, producer=household_shop, price="30.00", stock=20)
    personal_order(channel, staff, variant, 3)
    # then both households appear, with the value of each source
    register = benefit_register(side.enterprise, YEAR)
    by_producer = {row.producer_id: row for row in register.buys_from}
    assert set(by_producer) == {producer.pk, household_shop.pk}
    assert by_producer[producer.pk].procurement_amount == Decimal("123.40")
    assert by_producer[producer.pk].staff_amount == Decimal("0")
    assert by_producer[household_shop.pk].staff_amount == Decimal("90.00")
    assert register.households == 2
    # and the other enterprise's register stays empty
    assert benefit_register(other_side.enterprise, YEAR).buys_from == []


def test_operator_entered_link_counts_only_once_verified_by_another(side):  # type: ignore[no-untyped-def]
    # given two country-wide operators
    first = new_operator()
    second = new_operator()
    draft = LinkDraft(
        kind=BenefitKind.EMPLOYS,
        year=YEAR,
        description="劳动合同与残疾人证复印件已核对",
        disabled_employee_count=12,
    )
    # when the first enters it
    link = record_benefit_link(side.enterprise, draft, actor=first)
    pending = benefit_register(side.enterprise, YEAR)
    # then it is not in the register until another operator verifies it
    assert pending.entered == []
    with pytest.raises(EnterpriseError):
        decide_benefit_link(link, verified=True, actor=first)
    decide_benefit_link(link, verified=True, actor=second)
    register = benefit_register(side.enterprise, YEAR)
    assert [e.pk for e in register.entered] == [link.pk]
    assert register.disabled_employees == 12
    rows = list(AuditEvent.objects.filter(subject_type="enterprises.benefitlink").order_by("pk"))
    assert [(r.event_type, r.actor) for r in rows] == [
        (AuditEventType.BENEFIT_LINK_RECORDED, first),
        (AuditEventType.BENEFIT_LINK_VERIFIED, second),
    ]
    assert rows[1].new == BenefitLinkStatus.VERIFIED


def test_record_benefit_link_by_enterprise_member_refused(side):  # type: ignore[no-untyped-def]
    # given the enterprise's own administrator (not an operator)
    draft = LinkDraft(
        kind=BenefitKind.PAYS_BILLS, year=YEAR, description="电费", amount=Decimal("1")
    )
    # when
    with pytest.raises(EnterpriseError) as refused:
        record_benefit_link(side.enterprise, draft, actor=side.admin)
    # then
    assert refused.value.code == EnterpriseErrorCode.NOT_FOUND


def test_record_benefit_link_buys_from_refused(side):  # type: ignore[no-untyped-def]
    # given an operator trying to enter a purchase link by hand
    operator = new_operator()
    draft = LinkDraft(kind=BenefitKind.BUYS_FROM, year=YEAR, description="x", amount=Decimal("1"))
    # when
    with pytest.raises(EnterpriseError) as refused:
        record_benefit_link(side.enterprise, draft, actor=operator)
    # then
    assert refused.value.field == "kind"
