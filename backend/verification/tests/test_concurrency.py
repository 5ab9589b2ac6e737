"""Two people acting at the same moment: the row locks let exactly one of them win.

Real transactions in real threads on PostgreSQL, each thread on its own connection.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from backend.audit.models import AuditEvent, AuditEventType
from backend.sellers.tests.scenarios import build_people
from backend.verification.applications import start_application
from backend.verification.errors import VerificationError, VerificationErrorCode
from backend.verification.models import ApplicationStatus, VerificationApplication
from backend.verification.review import approve_application, reject_application
from backend.verification.tests.scenarios import submitted_application
from tests.transactional import APPS_EXCEPT_REGIONS

# Flush only these apps' tables after each test, so the regions loaded once per session survive.
AVAILABLE_APPS = APPS_EXCEPT_REGIONS
pytestmark = pytest.mark.django_db(transaction=True, available_apps=AVAILABLE_APPS)


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


def test_concurrent_approve_and_reject_exactly_one_decision_wins():
    # given
    people = build_people()
    application = submitted_application(people)
    county, city = people.user("county_operator"), people.user("city_operator")
    # when
    results = _race(
        lambda: approve_application(application.pk, actor=county),
        lambda: reject_application(application.pk, actor=city, reason="材料不全"),
    )
    # then
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1
    assert isinstance(errors[0], VerificationError)
    assert errors[0].code == VerificationErrorCode.INVALID_TRANSITION
    application.refresh_from_db()
    assert application.status in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED)
    decisions = AuditEvent.objects.filter(
        event_type__in=[AuditEventType.VERIFICATION_APPROVED, AuditEventType.VERIFICATION_REJECTED]
    )
    assert decisions.count() == 1


def test_concurrent_start_application_opens_only_one():
    # given
    people = build_people()
    owner, helper = people.user("owner"), people.user("helper_all")
    # when
    results = _race(
        lambda: start_application(people.shop, kind="disabled", actor=owner),
        lambda: start_application(people.shop, kind="disabled", actor=helper),
    )
    # then
    errors = [r for r in results if isinstance(r, Exception)]
    assert [getattr(e, "code", e) for e in errors] == [VerificationErrorCode.ALREADY_OPEN]
    assert VerificationApplication.objects.filter(seller=people.shop).count() == 1
