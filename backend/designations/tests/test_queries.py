"""The eligibility list and a candidate's evidence cost the same statements for 1 and N."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.accounts.models import User
from backend.designations.confirmation import ConfirmationDraft, confirm_designation
from backend.designations.eligibility import candidate_evidence, eligibility_list
from backend.designations.models import DesignationKind, DesignationThreshold
from backend.designations.tests.conftest import region
from backend.designations.tests.ledger_rows import moment, procurement_sale, shop_sale
from backend.enterprises.tests.factories import EnterpriseFactory
from backend.producers.models import ProducerKind
from backend.producers.tests.factories import DisabledSellerFactory, ProducerFactory

pytestmark = pytest.mark.django_db


def _world(n: int, operator: User) -> None:
    DesignationThreshold.objects.create(
        region=region("6211"), kind=DesignationKind.LEADER, min_households=3
    )
    buyer = EnterpriseFactory.create()
    for index in range(n):
        seller = DisabledSellerFactory.create()
        shop_sale(seller, "100000.00", when=moment(2025))
        base = ProducerFactory.create(kind=ProducerKind.EMPLOYMENT_BASE, disabled_employee_count=12)
        for household in range(3):
            shop_sale(base, "10.00", when=moment(2025), household_ref=f"{index}-{household}")
        procurement_sale(buyer, base, "10.00", when=moment(2025))
        confirm_designation(
            2025,
            DesignationKind.COUNTY_DEMONSTRATION_HOUSEHOLD,
            "producer",
            seller.pk,
            ConfirmationDraft("county", datetime.date(2026, 1, 5), Decimal("10000")),
            actor=operator,
        )


def _count(operator: User) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        found = eligibility_list(2025, actor=operator)
    return len(queries), len(found)


@pytest.mark.parametrize("n", [1, 4])
def test_eligibility_list_same_queries_for_one_and_many(province_operator: User, n: int) -> None:
    # given n sellers, n bases (employment base and leader), each eligible
    _world(n, province_operator)
    # when
    queries, found = _count(province_operator)
    # then: operator check, thresholds, designations, producer ids, savepoint, work_mem,
    # producers' figures, release, enterprises' figures
    assert found == 3 * n
    assert queries == 9, "eligibility list queries"


@pytest.mark.parametrize("n", [1, 5])
def test_candidate_evidence_same_queries_for_one_and_many_sales(
    province_operator: User, n: int
) -> None:
    # given a base with n sales from n households
    base = ProducerFactory.create(kind=ProducerKind.COOPERATIVE)
    for index in range(n):
        shop_sale(base, "10.00", when=moment(2025, 1 + index), household_ref=f"HH-{index}")
    # when
    with CaptureQueriesContext(connection) as queries:
        evidence = candidate_evidence(
            2025, DesignationKind.LEADER, "producer", base.pk, actor=province_operator
        )
    # then
    assert len(evidence.households) == n
    # operator check, thresholds, designations, the candidate's figures (ids, savepoint,
    # work_mem, figures, release), sales by month, households
    assert len(queries) == 10
