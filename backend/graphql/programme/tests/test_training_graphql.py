"""`myTrainingEnrolments` and `trainingSubsidyClaimSubmit`: a trainee's own places and claims."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

import pytest
from graphql_relay import to_global_id

from backend.accounts.models import User
from backend.accounts.tests.factories import UserFactory
from backend.programme.models import ClaimStatus, Enrolment, SubsidyClaim
from backend.programme.tests.factories import CourseFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db

SUBMIT = """
mutation Submit($enrolment: ID!, $amount: Decimal!, $fee: Decimal!) {
  trainingSubsidyClaimSubmit(enrolment: $enrolment, amountClaimed: $amount, feePaidAmount: $fee) {
    claim { status amountClaimed { amount } feePaid { amount } }
    errors { field code }
  }
}
"""

MINE = """
{ myTrainingEnrolments {
    id courseTitle courseTier courseIsCertified courseFee { amount } sessionsAttended completedOn
    subsidyClaims { status amountClaimed { amount } }
} }
"""


def _trainee_with_place() -> tuple[User, Enrolment]:
    trainee = cast(User, UserFactory(name="孙学员"))
    enrolment = cast(Enrolment, EnrolmentFactory(user=trainee))  # fee 800.00, certified
    return trainee, enrolment


def _submit(client: Any, gql: Any, enrolment: Enrolment, amount: str, fee: str = "800.00") -> Any:
    return gql(
        SUBMIT,
        {
            "enrolment": to_global_id("TrainingEnrolment", enrolment.pk),
            "amount": amount,
            "fee": fee,
        },
    ).data["trainingSubsidyClaimSubmit"]


def test_submit_claim_exactly_the_fee_paid_accepted(client, gql):
    # given
    trainee, enrolment = _trainee_with_place()
    client.force_login(trainee)
    # when
    result = _submit(client, gql, enrolment, "800.00")
    # then
    assert result["errors"] == []
    assert result["claim"] == {
        "status": "submitted",
        "amountClaimed": {"amount": 800.0},
        "feePaid": {"amount": 800.0},
    }


def test_submit_claim_one_cent_above_fee_paid_refused(client, gql):
    # given
    trainee, enrolment = _trainee_with_place()
    client.force_login(trainee)
    # when
    result = _submit(client, gql, enrolment, "800.01")
    # then
    assert result["claim"] is None
    assert result["errors"] == [{"field": "amountClaimed", "code": "CLAIM_ABOVE_FEE_PAID"}]
    assert not SubsidyClaim.objects.exists()


def test_submit_claim_for_someone_elses_place_not_found(client, gql):
    # given a place of another trainee, and an id that does not exist
    _trainee, enrolment = _trainee_with_place()
    client.force_login(UserFactory())
    # when
    theirs = _submit(client, gql, enrolment, "1.00")
    missing = gql(
        SUBMIT,
        {"enrolment": to_global_id("TrainingEnrolment", 999999), "amount": "1", "fee": "1"},
    ).data["trainingSubsidyClaimSubmit"]
    # then: the same answer for "not yours" and "does not exist"
    assert theirs["errors"] == missing["errors"] == [{"field": "enrolment", "code": "NOT_FOUND"}]


def test_submit_claim_signed_out_refused(gql):
    _trainee, enrolment = _trainee_with_place()
    response = gql(
        SUBMIT,
        {"enrolment": to_global_id("TrainingEnrolment", enrolment.pk), "amount": "1", "fee": "1"},
    )
    assert response.errors
    assert not SubsidyClaim.objects.exists()


@pytest.mark.parametrize("places", [1, 4])
def test_my_training_enrolments_same_queries_for_one_and_many(client, gql, count_queries, places):
    # given a trainee with places (each with a claim) and another trainee's place
    trainee = cast(User, UserFactory())
    for _ in range(places):
        enrolment = cast(Enrolment, EnrolmentFactory(user=trainee, course=CourseFactory()))
        SubsidyClaim.objects.create(
            enrolment=enrolment, amount_claimed=Decimal("100"), fee_paid_amount=Decimal("800")
        )
    EnrolmentFactory(user=UserFactory())
    client.force_login(trainee)
    gql(MINE)  # warm the session and permission caches
    # when
    with count_queries(4):  # session, user, enrolments with courses, claims
        response = gql(MINE)
    # then
    rows = response.data["myTrainingEnrolments"]
    assert len(rows) == places
    assert rows[0]["subsidyClaims"] == [
        {"status": ClaimStatus.SUBMITTED.value, "amountClaimed": {"amount": 100.0}}
    ]
    assert rows[0]["courseIsCertified"] is True
