"""Operators moderate reviews in the admin: their regions only, a reason each time, audited."""

from __future__ import annotations

import pytest

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.catalog.tests.factories import ChannelFactory
from backend.checkout.tests.scenarios import listed_variant, make_courier
from backend.reviews.models import ProductReview, ReportReason, ReviewStatus
from backend.reviews.reports import report_review
from backend.reviews.tests.scenarios import delivered_purchase, review_of
from backend.sellers.tests.scenarios import build_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    people = build_people()
    channel = ChannelFactory.create()
    variant = listed_variant(channel, producer=people.shop)
    review = review_of(
        delivered_purchase(channel, make_courier(), UserFactory(), variants=[variant]),
        rating=1,
        text="卖家是残疾人所以慢",
    )
    report_review(review.pk, actor=people.user("owner"), reason=ReportReason.PERSONAL_TRAIT)
    return people, review


def test_admin_list_shows_reported_review_to_the_county_operator(client, world):
    # given
    people, review = world
    client.force_login(people.user("county_operator"))

    # when
    response = client.get("/admin/reviews/productreview/?reported=personal_trait")

    # then
    assert response.status_code == 200
    assert f"/admin/reviews/productreview/{review.pk}/change/" in response.content.decode()


def test_admin_other_county_operator_sees_nothing(client, world):
    # given
    people, review = world
    client.force_login(people.user("other_county_operator"))

    # when
    listing = client.get("/admin/reviews/productreview/").content.decode()
    moderate = client.get(f"/admin/reviews/productreview/{review.pk}/moderate/hide/")

    # then
    assert f"/admin/reviews/productreview/{review.pk}/change/" not in listing
    assert moderate.status_code == 404


def test_admin_hide_with_reason_hides_and_audits(client, world):
    # given
    people, review = world
    operator = people.user("county_operator")
    client.force_login(operator)
    url = f"/admin/reviews/productreview/{review.pk}/moderate/hide/"

    # when
    page = client.get(url)
    response = client.post(url, {"reason": "评价针对卖家的残疾"})

    # then
    assert page.status_code == 200
    assert response.status_code == 302
    assert ProductReview.objects.get(pk=review.pk).status == ReviewStatus.HIDDEN
    event = AuditEvent.objects.get(event_type=AuditEventType.REVIEW_HIDDEN)
    assert (event.actor_id, event.extra_data["reason"]) == (operator.pk, "评价针对卖家的残疾")


def test_admin_hide_without_reason_changes_nothing(client, world):
    # given
    people, review = world
    client.force_login(people.user("county_operator"))

    # when
    response = client.post(f"/admin/reviews/productreview/{review.pk}/moderate/hide/", {})

    # then
    assert response.status_code == 200
    assert ProductReview.objects.get(pk=review.pk).status == ReviewStatus.VISIBLE
    assert not AuditEvent.objects.filter(event_type=AuditEventType.REVIEW_HIDDEN).exists()


def test_admin_change_page_offers_the_moderations_that_apply(client, world):
    # given
    people, review = world
    client.force_login(people.user("superuser"))

    # when
    html = client.get(f"/admin/reviews/productreview/{review.pk}/change/").content.decode()

    # then
    assert "moderate/hide/" in html
    assert "moderate/dismiss/" in html
    assert "moderate/restore/" not in html
