from __future__ import annotations

import datetime

import pytest

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.tests.factories import ProducerFactory
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode
from backend.programme.incubation import (
    add_mentor_note,
    assign_mentor,
    end_mentor_assignment,
    review_listing_quality,
)
from backend.programme.models import ListingQualityScore

pytestmark = pytest.mark.django_db


def test_assign_mentor_audited_and_once_while_open(county_operator):
    # given
    shop = ProducerFactory()
    mentor = UserFactory(name="孵化导师")
    # when
    assignment = assign_mentor(
        shop, actor=county_operator, mentor=mentor, started_on=datetime.date(2025, 1, 1)
    )
    # then
    event = AuditEvent.objects.get(event_type=AuditEventType.MENTOR_ASSIGNED)
    assert (event.seller_id, event.actor_id) == (shop.pk, county_operator.pk)
    with pytest.raises(ProgrammeError) as caught:
        assign_mentor(shop, actor=county_operator, mentor=mentor)
    assert caught.value.code == ProgrammeErrorCode.MENTOR_ALREADY_ASSIGNED
    # and after it ends, the mentor may be assigned again
    end_mentor_assignment(assignment, actor=county_operator, ended_on=datetime.date(2025, 6, 30))
    assign_mentor(shop, actor=county_operator, mentor=mentor)


def test_assign_mentor_to_other_county_shop_not_found(other_county_operator):
    with pytest.raises(ProgrammeError) as caught:
        assign_mentor(ProducerFactory(), actor=other_county_operator, mentor=UserFactory())
    assert caught.value.code == ProgrammeErrorCode.NOT_FOUND


def test_end_mentor_assignment_before_start_refused(county_operator):
    assignment = assign_mentor(
        ProducerFactory(),
        actor=county_operator,
        mentor=UserFactory(),
        started_on=datetime.date(2025, 1, 1),
    )
    with pytest.raises(ProgrammeError) as caught:
        end_mentor_assignment(
            assignment, actor=county_operator, ended_on=datetime.date(2024, 12, 31)
        )
    assert caught.value.code == ProgrammeErrorCode.DATES_OUT_OF_ORDER


def test_add_mentor_note_by_the_mentor_and_not_by_others(county_operator):
    # given
    mentor = UserFactory()
    assignment = assign_mentor(ProducerFactory(), actor=county_operator, mentor=mentor)
    # when
    note = add_mentor_note(assignment, actor=mentor, body="主图要换成白底。")
    # then
    assert note.author_id == mentor.pk
    assert AuditEvent.objects.filter(event_type=AuditEventType.MENTOR_NOTE_ADDED).count() == 1
    with pytest.raises(ProgrammeError) as caught:
        add_mentor_note(assignment, actor=UserFactory(), body="x")
    assert caught.value.code == ProgrammeErrorCode.NOT_FOUND


def test_review_listing_quality_scores_each_criterion(county_operator):
    # given
    shop = ProducerFactory()
    # when
    review = review_listing_quality(
        shop, actor=county_operator, scores={"photos": 3, "title": 5}, notes="标题清楚"
    )
    # then
    scores = dict(
        ListingQualityScore.objects.filter(review=review).values_list("criterion", "score")
    )
    assert scores == {"photos": 3, "title": 5}
    event = AuditEvent.objects.get(event_type=AuditEventType.LISTING_QUALITY_REVIEWED)
    assert event.extra_data["new"] == {"scores": {"photos": 3, "title": 5}}


@pytest.mark.parametrize(
    ("scores", "code"),
    [
        ({}, ProgrammeErrorCode.SCORES_REQUIRED),
        ({"photos": 6}, ProgrammeErrorCode.SCORE_OUT_OF_RANGE),
    ],
)
def test_review_listing_quality_bad_scores_refused(county_operator, scores, code):
    with pytest.raises(ProgrammeError) as caught:
        review_listing_quality(ProducerFactory(), actor=county_operator, scores=scores)
    assert caught.value.code == code
