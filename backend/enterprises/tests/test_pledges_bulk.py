"""`pledges_progress` in bulk (one set-based statement per year) agrees with each pledge alone:
a staff member in two enterprises counts for both, a purchase covered by two overlapping staff
memberships of one enterprise counts once, pledges of other years stay apart."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.checkout.tests.scenarios import listed_variant, new_producer, new_user
from backend.enterprises.models import EnterpriseRole, PledgeKind
from backend.enterprises.pledges import declare_pledge, pledge_progress, pledges_progress
from backend.enterprises.tests.factories import EnterpriseMemberFactory
from backend.enterprises.tests.purchases import accepted_delivery, personal_order

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def test_pledges_progress_bulk_equals_each_alone_overlaps_count_once(
    channel, side, other_side, seller, django_assert_num_queries
):  # type: ignore[no-untyped-def]
    # given 40 bags at 6.17 delivered to `side`, 37 accepted → 228.29
    producer, owner = seller
    accepted_delivery(channel, side, producer, owner, units=40, accept=37)
    # a staff member of both enterprises, with two overlapping staff rows at `side`
    staff = new_user(email="both@enterprise.test")
    EnterpriseMemberFactory(
        enterprise=side.enterprise,
        user=staff,
        role=EnterpriseRole.STAFF,
        added_at=timezone.now() - datetime.timedelta(days=20),
        removed_at=timezone.now() + datetime.timedelta(days=1),
    )
    EnterpriseMemberFactory(enterprise=side.enterprise, user=staff, role=EnterpriseRole.STAFF)
    EnterpriseMemberFactory(enterprise=other_side.enterprise, user=staff, role=EnterpriseRole.STAFF)
    variant = listed_variant(channel, producer=new_producer(), price="49.90", stock=50)
    personal_order(channel, staff, variant, 2)  # 99.80
    pledges = [
        declare_pledge(
            s.enterprise, year=YEAR, kind=PledgeKind.AMOUNT, amount=Decimal("1000"), actor=s.finance
        )
        for s in (side, other_side)
    ]
    last_year = declare_pledge(
        side.enterprise,
        year=YEAR - 1,
        kind=PledgeKind.AMOUNT,
        amount=Decimal("1000"),
        actor=side.finance,
    )
    # when
    with django_assert_num_queries(2):  # one statement per year
        bulk = pledges_progress([pledges[1], last_year, pledges[0]])
    alone = [pledge_progress(p) for p in (pledges[1], last_year, pledges[0])]
    # then in the order given, each as alone
    assert [p.pledge.pk for p in bulk] == [pledges[1].pk, last_year.pk, pledges[0].pk]
    amounts = [(p.procurement_amount, p.staff_amount) for p in bulk]
    assert amounts == [(p.procurement_amount, p.staff_amount) for p in alone]
    assert amounts == [
        (Decimal("0.00"), Decimal("99.80")),
        (Decimal("0.00"), Decimal("0.00")),
        (Decimal("228.29"), Decimal("99.80")),
    ]
