"""Two operators acting at the same moment: the row locks let exactly one of them win.

Real transactions in real threads on PostgreSQL, each thread on its own connection.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from backend.audit.models import AuditEvent, AuditEventType
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode
from backend.programme.models import ClaimStatus, Enrolment
from backend.programme.subsidies import (
    approve_subsidy_claim,
    reject_subsidy_claim,
    submit_subsidy_claim,
)
from backend.programme.tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    HouseholdMemberFactory,
)
from backend.programme.training import enrol
from backend.regions.models import Region
from backend.sellers.tests.factories import OperatorScopeFactory
from tests.transactional import APPS_EXCEPT_REGIONS

pytestmark = pytest.mark.django_db(transaction=True, available_apps=APPS_EXCEPT_REGIONS)


def _race(*calls: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except Exception as exc:  # the loser's error is the result under test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def _operators() -> tuple[Any, Any]:
    county = Region.objects.get(code="621123")
    return (
        OperatorScopeFactory.create(region=county).user,
        OperatorScopeFactory.create(region=county.parent).user,
    )


def test_concurrent_enrolments_for_the_last_place_only_one_wins():
    # given a course with one place and two operators
    first, second = _operators()
    course = CourseFactory.create(capacity=1)
    a, b = HouseholdMemberFactory.create(), HouseholdMemberFactory.create()
    # when
    results = _race(
        lambda: enrol(course, actor=first, member=a),
        lambda: enrol(course, actor=second, member=b),
    )
    # then
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1
    assert isinstance(errors[0], ProgrammeError)
    assert errors[0].code == ProgrammeErrorCode.COURSE_FULL
    assert Enrolment.objects.filter(course=course).count() == 1


def test_concurrent_approve_and_reject_exactly_one_decision_wins():
    # given
    first, second = _operators()
    enrolment = EnrolmentFactory.create()
    claim = submit_subsidy_claim(
        enrolment, actor=first, amount_claimed=Decimal("500"), fee_paid_amount=Decimal("800")
    )
    # when
    results = _race(
        lambda: approve_subsidy_claim(claim, actor=first),
        lambda: reject_subsidy_claim(claim, actor=second, reason="收据不清楚"),
    )
    # then
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1
    assert isinstance(errors[0], ProgrammeError)
    assert errors[0].code == ProgrammeErrorCode.ALREADY_DECIDED
    claim.refresh_from_db()
    assert claim.status in (ClaimStatus.APPROVED, ClaimStatus.REJECTED)
    decisions = AuditEvent.objects.filter(
        event_type__in=[
            AuditEventType.SUBSIDY_CLAIM_APPROVED,
            AuditEventType.SUBSIDY_CLAIM_REJECTED,
        ]
    )
    assert decisions.count() == 1
