"""Operators see and decide only the applications of their regions (a city covers its counties)."""

from __future__ import annotations

import pytest

from backend.sellers.tests.factories import HelperGrantFactory
from backend.sellers.tests.scenarios import People
from backend.verification.errors import VerificationError, VerificationErrorCode
from backend.verification.models import ApplicationStatus
from backend.verification.permissions import applications_in_review_queue, may_review
from backend.verification.review import (
    approve_application,
    recommend_application,
    reject_application,
    request_more_information,
)
from backend.verification.tests.scenarios import submitted_application

pytestmark = pytest.mark.django_db

SEES = {"county_operator", "city_operator", "province_operator", "superuser"}
NOT_OPERATORS = {"owner", "helper_all", "other_seller", "enterprise", "anonymous", "inactive_owner"}


@pytest.mark.parametrize(
    "role", sorted(SEES | NOT_OPERATORS | {"other_county_operator", "staff_without_region"})
)
def test_review_queue_shows_only_applications_of_the_operators_regions(people: People, role):
    # given
    application = submitted_application(people)
    # when
    queue = list(applications_in_review_queue(people[role]))
    # then
    assert queue == ([application] if role in SEES else [])


@pytest.mark.parametrize(
    "decide",
    [
        lambda pk, actor: approve_application(pk, actor=actor),
        lambda pk, actor: reject_application(pk, actor=actor, reason="不符合"),
        lambda pk, actor: request_more_information(pk, actor=actor, reason="补充材料"),
        lambda pk, actor: recommend_application(pk, actor=actor),
    ],
    ids=["approve", "reject", "more_info", "recommend"],
)
@pytest.mark.parametrize(
    "role", ["other_county_operator", "staff_without_region", "owner", "helper_all", "enterprise"]
)
def test_decisions_outside_the_region_are_not_found_and_change_nothing(
    people: People, decide, role
):
    # given
    application = submitted_application(people)
    # when
    with pytest.raises(VerificationError) as error:
        decide(application.pk, people.user(role))
    # then
    assert error.value.code == VerificationErrorCode.NOT_FOUND
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_decision_on_a_missing_application_is_the_same_not_found(people: People):
    # given
    application = submitted_application(people)
    # when
    with pytest.raises(VerificationError) as missing:
        approve_application(application.pk + 999, actor=people.user("county_operator"))
    with pytest.raises(VerificationError) as forbidden:
        approve_application(application.pk, actor=people.user("other_county_operator"))
    # then
    assert (missing.value.code, missing.value.field, str(missing.value)) == (
        forbidden.value.code,
        forbidden.value.field,
        str(forbidden.value),
    )


def test_operator_who_helps_the_shop_sees_but_cannot_decide(people: People):
    # given
    operator = people.user("county_operator")
    HelperGrantFactory.create(seller=people.shop, helper=operator, scope="orders")
    application = submitted_application(people)
    # when
    with pytest.raises(VerificationError) as error:
        approve_application(application.pk, actor=operator)
    # then
    assert error.value.code == VerificationErrorCode.NOT_FOUND
    assert list(applications_in_review_queue(operator)) == [application]
    assert may_review(operator, application) is False
    assert may_review(people.user("city_operator"), application) is True
