"""Pledge progress: accepted procurement value + staff members' counted personal purchases,
hand-computed; one statement for any number of pledges; declaring and changing is audited."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.audit.models import AuditEvent, AuditEventType
from backend.checkout.tests.scenarios import listed_variant, new_producer, new_user
from backend.enterprises.errors import EnterpriseError
from backend.enterprises.models import EnterpriseRole, PledgeKind
from backend.enterprises.pledges import declare_pledge, pledge_progress, pledges_progress
from backend.enterprises.tests.factories import EnterpriseMemberFactory
from backend.enterprises.tests.purchases import accepted_delivery, personal_order
from backend.orders.cancellation import cancel_order

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def test_pledge_progress_procurement_and_staff_purchases_hand_computed(
    channel, side, other_side, seller
):  # type: ignore[no-untyped-def]
    # given procurement: 40 bags delivered at 6.17, 37 accepted → 228.29
    producer, owner = seller
    accepted_delivery(channel, side, producer, owner, units=40, accept=37)
    # staff: one member buys 2 × 49.90 (paid) → 99.80 counts; their unpaid order does not
    staff = new_user(email="staff-a@enterprise.test")
    EnterpriseMemberFactory(enterprise=side.enterprise, user=staff, role=EnterpriseRole.STAFF)
    variant = listed_variant(channel, producer=new_producer(), price="49.90", stock=50)
    personal_order(channel, staff, variant, 2)
    personal_order(channel, staff, variant, 1, paid=False)
    # a cancelled order of the staff member does not count
    cancelled = personal_order(channel, staff, variant, 3, paid=False)
    cancel_order(cancelled, actor=staff)
    # the buyer's own purchase (not staff), other enterprise's staff, a former staff member
    personal_order(channel, side.buyer, variant, 1)
    other_staff = new_user(email="staff-b@enterprise.test")
    EnterpriseMemberFactory(
        enterprise=other_side.enterprise, user=other_staff, role=EnterpriseRole.STAFF
    )
    personal_order(channel, other_staff, variant, 4)
    former = new_user(email="former@enterprise.test")
    EnterpriseMemberFactory(
        enterprise=side.enterprise,
        user=former,
        role=EnterpriseRole.STAFF,
        added_at=timezone.now() - datetime.timedelta(days=30),
        removed_at=timezone.now() - datetime.timedelta(days=1),
    )
    personal_order(channel, former, variant, 5)
    pledge = declare_pledge(
        side.enterprise,
        year=YEAR,
        kind=PledgeKind.AMOUNT,
        amount=Decimal("1000"),
        actor=side.finance,
    )
    # when
    progress = pledge_progress(pledge)
    # then 228.29 + 99.80 = 328.09 of 1000 → 32.8%
    assert progress.procurement_amount == Decimal("228.29")
    assert progress.staff_amount == Decimal("99.80")
    assert progress.total_amount == Decimal("328.09")
    assert progress.remaining_amount == Decimal("671.91")
    assert progress.percent == Decimal("32.8")
    other = declare_pledge(
        other_side.enterprise,
        year=YEAR,
        kind=PledgeKind.AMOUNT,
        amount=Decimal("500"),
        actor=other_side.finance,
    )
    assert pledge_progress(other).staff_amount == Decimal("199.60")
    assert pledge_progress(other).procurement_amount == Decimal("0.00")


def test_pledge_share_target_is_share_of_base(side):  # type: ignore[no-untyped-def]
    # given a public body reserving 10% of 1,234,567.89 food purchasing
    pledge = declare_pledge(
        side.enterprise,
        year=YEAR,
        kind=PledgeKind.SHARE,
        share_percent=Decimal("10"),
        base_amount=Decimal("1234567.89"),
        actor=side.finance,
    )
    # then rounded half-up to the cent
    assert pledge.target_amount == Decimal("123456.79")


def test_declare_pledge_again_changes_it_audited(side):  # type: ignore[no-untyped-def]
    # given
    first = declare_pledge(
        side.enterprise,
        year=YEAR,
        kind=PledgeKind.AMOUNT,
        amount=Decimal("1000"),
        actor=side.finance,
    )
    # when
    second = declare_pledge(
        side.enterprise,
        year=YEAR,
        kind=PledgeKind.AMOUNT,
        amount=Decimal("2500"),
        actor=side.approver,
    )
    # then one pledge per year, two audit rows with old and new
    assert first.pk == second.pk
    rows = list(AuditEvent.objects.filter(subject_type="enterprises.pledge").order_by("pk"))
    assert [r.event_type for r in rows] == [
        AuditEventType.PLEDGE_DECLARED,
        AuditEventType.PLEDGE_CHANGED,
    ]
    assert rows[1].old["amount"] == "1000.00"
    assert rows[1].new["amount"] == "2500.00"
    assert rows[1].actor == side.approver


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": PledgeKind.AMOUNT, "amount": Decimal("0")}, "amount"),
        (
            {
                "kind": PledgeKind.SHARE,
                "share_percent": Decimal("101"),
                "base_amount": Decimal("1"),
            },
            "sharePercent",
        ),
        ({"kind": PledgeKind.SHARE, "share_percent": Decimal("10")}, "baseAmount"),
        ({"kind": "other"}, "kind"),
    ],
)
def test_declare_pledge_bad_input_field_error(side, kwargs, field):  # type: ignore[no-untyped-def]
    # when
    with pytest.raises(EnterpriseError) as refused:
        declare_pledge(side.enterprise, year=YEAR, actor=side.finance, **kwargs)
    # then
    assert refused.value.field == field


def test_pledges_progress_same_queries_for_one_and_many(
    side, other_side, django_assert_num_queries
):  # type: ignore[no-untyped-def]
    # given
    pledges = [
        declare_pledge(
            s.enterprise, year=YEAR, kind=PledgeKind.AMOUNT, amount=Decimal("100"), actor=s.finance
        )
        for s in (side, other_side)
    ]
    # when / then: one statement whatever the number
    with django_assert_num_queries(1):
        one = pledges_progress(pledges[:1])
    with django_assert_num_queries(1):
        many = pledges_progress(pledges)
    assert len(one) == 1
    assert len(many) == 2
