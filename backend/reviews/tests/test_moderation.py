from __future__ import annotations

import pytest

from backend.audit.models import AuditEvent, AuditEventType
from backend.catalog.models import Product
from backend.checkout.tests.scenarios import listed_variant
from backend.reviews.answers import answer_review
from backend.reviews.errors import ReviewError, ReviewErrorCode
from backend.reviews.models import (
    ProducerReviewSummary,
    ProductReview,
    ProductReviewSummary,
    ReportReason,
    ReviewReport,
    ReviewStatus,
)
from backend.reviews.moderation import dismiss_reports, hide_review, restore_review
from backend.reviews.reports import report_review
from backend.reviews.tests.scenarios import delivered_purchase, review_of
from backend.sellers.tests.scenarios import People, build_people


@pytest.fixture
def people(db) -> People:  # type: ignore[no-untyped-def]
    return build_people()


@pytest.fixture
def reviews(people, channel, courier, buyer, other_buyer) -> list[ProductReview]:  # type: ignore[no-untyped-def]
    variant = listed_variant(channel, producer=people.shop, stock=10)
    first = review_of(delivered_purchase(channel, courier, buyer, variants=[variant]), rating=5)
    second = review_of(
        delivered_purchase(channel, courier, other_buyer, variants=[variant]), rating=2
    )
    return [first, second]


def _summary(review: ProductReview) -> tuple[int, int, object, int]:
    product = ProductReviewSummary.objects.get(product_id=review.product_id)
    producer = ProducerReviewSummary.objects.get(producer_id=review.producer_id)
    rating = Product.objects.get(pk=review.product_id).rating
    return product.review_count, product.rating_sum, rating, producer.review_count


def test_hide_review_by_county_operator_audited_and_averages_drop(people, reviews):
    # given
    operator = people.user("county_operator")
    assert _summary(reviews[0])[:3] == (2, 7, pytest.approx(3.5))

    # when
    hide_review(reviews[1].pk, actor=operator, reason="与商品无关，涉及卖家残疾")

    # then
    hidden = ProductReview.objects.get(pk=reviews[1].pk)
    assert hidden.status == ReviewStatus.HIDDEN
    assert _summary(reviews[0]) == (1, 5, 5, 1)
    event = AuditEvent.objects.get(event_type=AuditEventType.REVIEW_HIDDEN)
    assert (event.actor_id, event.seller_id) == (operator.pk, people.shop.pk)
    assert (event.subject_type, event.subject_id) == ("reviews.productreview", str(hidden.pk))
    assert event.old == {"status": "visible"}
    assert event.new == {"status": "hidden"}
    assert event.extra_data["reason"] == "与商品无关，涉及卖家残疾"


def test_restore_review_counts_again_and_is_audited(people, reviews):
    # given
    operator = people.user("superuser")
    hide_review(reviews[1].pk, actor=operator, reason="误判前")

    # when
    restore_review(reviews[1].pk, actor=operator, reason="复核后恢复")

    # then
    assert _summary(reviews[0]) == (2, 7, pytest.approx(3.5), 2)
    event = AuditEvent.objects.get(event_type=AuditEventType.REVIEW_RESTORED)
    assert event.extra_data["reason"] == "复核后恢复"


def test_hide_review_without_reason_refused_and_nothing_written(people, reviews):
    # when
    with pytest.raises(ReviewError) as excinfo:
        hide_review(reviews[0].pk, actor=people.user("county_operator"), reason="  ")

    # then
    assert (excinfo.value.code, excinfo.value.field) == (ReviewErrorCode.REQUIRED, "reason")
    assert ProductReview.objects.get(pk=reviews[0].pk).status == ReviewStatus.VISIBLE
    assert not AuditEvent.objects.filter(event_type=AuditEventType.REVIEW_HIDDEN).exists()


def test_hide_review_twice_refused(people, reviews):
    # given
    operator = people.user("county_operator")
    hide_review(reviews[0].pk, actor=operator, reason="x")

    # when
    with pytest.raises(ReviewError) as excinfo:
        hide_review(reviews[0].pk, actor=operator, reason="x")

    # then
    assert excinfo.value.code == ReviewErrorCode.ALREADY_HIDDEN


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("owner", False),
        ("helper_all", False),
        ("county_operator", True),
        ("city_operator", True),
        ("province_operator", True),
        ("other_county_operator", False),
        ("staff_without_region", False),
        ("superuser", True),
        ("other_seller", False),
        ("enterprise", False),
    ],
)
def test_hide_review_only_operators_covering_the_shop(people, reviews, role, allowed):
    # when
    outcome: str
    try:
        hide_review(reviews[0].pk, actor=people.user(role), reason="理由")
    except ReviewError as error:
        outcome = error.code
    else:
        outcome = "hidden"

    # then
    assert outcome == ("hidden" if allowed else ReviewErrorCode.NOT_FOUND)


def test_report_personal_trait_then_hide_resolves_the_report(people, reviews):
    # given
    report = report_review(
        reviews[1].pk,
        actor=people.user("helper_products"),
        reason=ReportReason.PERSONAL_TRAIT,
        details="<i>评价在嘲笑店主的残疾</i>",
    )

    # when
    hide_review(reviews[1].pk, actor=people.user("county_operator"), reason="针对卖家残疾")

    # then
    report.refresh_from_db()
    assert report.details == "评价在嘲笑店主的残疾"
    assert report.resolved_at is not None
    reported = AuditEvent.objects.get(event_type=AuditEventType.REVIEW_REPORTED)
    assert reported.actor_id == people.user("helper_products").pk
    assert reported.on_behalf_of_id == people.shop.owner_id
    assert reported.new["reason"] == "personal_trait"
    hidden = AuditEvent.objects.get(event_type=AuditEventType.REVIEW_HIDDEN)
    assert hidden.extra_data["resolved_reports"] == [report.pk]


def test_report_review_twice_while_open_refused(people, reviews):
    # given
    report_review(reviews[0].pk, actor=people.user("owner"), reason=ReportReason.FALSE)

    # when
    with pytest.raises(ReviewError) as excinfo:
        report_review(reviews[0].pk, actor=people.user("co_owner"), reason=ReportReason.OTHER)

    # then
    assert excinfo.value.code == ReviewErrorCode.ALREADY_REPORTED
    assert ReviewReport.objects.count() == 1


def test_dismiss_reports_keeps_review_and_closes_reports(people, reviews):
    # given
    report_review(reviews[0].pk, actor=people.user("owner"), reason=ReportReason.FALSE)

    # when
    dismiss_reports(reviews[0].pk, actor=people.user("county_operator"), reason="评价属实")

    # then
    assert not ReviewReport.objects.filter(resolved_at__isnull=True).exists()
    assert ProductReview.objects.get(pk=reviews[0].pk).status == ReviewStatus.VISIBLE
    event = AuditEvent.objects.get(event_type=AuditEventType.REVIEW_REPORTS_DISMISSED)
    assert event.extra_data["reason"] == "评价属实"


def test_report_review_unknown_reason_refused(people, reviews):
    # when
    with pytest.raises(ReviewError) as excinfo:
        report_review(reviews[0].pk, actor=people.user("owner"), reason="bad")

    # then
    assert (excinfo.value.code, excinfo.value.field) == (ReviewErrorCode.INVALID, "reason")


def test_answer_review_once_audited_on_behalf_of_owner(people, reviews):
    # given
    helper = people.user("helper_all")

    # when
    answer_review(reviews[0].pk, actor=helper, text="谢谢您的支持！<b>欢迎再来</b>")

    # then
    review = ProductReview.objects.get(pk=reviews[0].pk)
    assert review.answer_text == "谢谢您的支持！欢迎再来"
    assert review.answered_by_id == helper.pk
    event = AuditEvent.objects.get(event_type=AuditEventType.REVIEW_ANSWERED)
    assert (event.actor_id, event.on_behalf_of_id) == (helper.pk, people.shop.owner_id)


def test_answer_review_second_answer_refused(people, reviews):
    # given
    answer_review(reviews[0].pk, actor=people.user("owner"), text="谢谢")

    # when
    with pytest.raises(ReviewError) as excinfo:
        answer_review(reviews[0].pk, actor=people.user("co_owner"), text="再答一次")

    # then
    assert excinfo.value.code == ReviewErrorCode.ALREADY_ANSWERED
    assert ProductReview.objects.get(pk=reviews[0].pk).answer_text == "谢谢"


def test_answer_review_empty_after_stripping_html_refused(people, reviews):
    # when
    with pytest.raises(ReviewError) as excinfo:
        answer_review(reviews[0].pk, actor=people.user("owner"), text="<p></p>")

    # then
    assert (excinfo.value.code, excinfo.value.field) == (ReviewErrorCode.REQUIRED, "text")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("owner", True),
        ("co_owner", True),
        ("helper_products", True),
        ("helper_all", True),
        ("helper_orders", False),
        ("revoked_helper", False),
        ("inactive_helper", False),
        ("inactive_owner", False),
        ("other_seller", False),
        ("enterprise", False),
        ("county_operator", False),
        ("anonymous", False),
    ],
)
def test_answer_review_authorization_matrix(people, reviews, role, allowed):
    # when
    outcome: str
    try:
        answer_review(reviews[0].pk, actor=people[role], text="谢谢")  # type: ignore[arg-type]
    except ReviewError as error:
        outcome = error.code
    else:
        outcome = "answered"

    # then
    assert outcome == ("answered" if allowed else ReviewErrorCode.NOT_FOUND)
