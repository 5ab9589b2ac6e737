"""The demo reviews load after `load_demo()` through the services, and a second load adds
nothing."""

from __future__ import annotations

import pytest

from backend.audit.models import AuditEvent, AuditEventType
from backend.catalog.models import Product
from backend.demo.loading.reviews import load_demo_reviews
from backend.demo.tests.conftest import demo_media_root, loaded_demo  # noqa: F401 (fixtures)
from backend.reviews.models import ProducerReviewSummary, ProductReview, ReviewReport

pytestmark = pytest.mark.usefixtures("loaded_demo")


def test_load_demo_reviews_twice_writes_reviews_answer_and_report_once(db):
    # when
    first = load_demo_reviews()
    second = load_demo_reviews()

    # then
    assert first == second
    # four by the review buyers, one by the demo customer (whose other parcel is on its way)
    assert first.reviews == ProductReview.objects.count() == 5
    assert ProductReview.objects.exclude(answer_text="").count() == 1
    report = ReviewReport.objects.get()
    assert report.reason == "personal_trait"
    assert report.reported_by.email == "helper@demo.sunshine.test"
    assert AuditEvent.objects.filter(event_type=AuditEventType.REVIEW_ANSWERED).count() == 1
    dangshen = Product.objects.get(slug="weiyuan-baitiao-dangshen")
    assert dangshen.rating == 4  # (5 + 3) / 2
    shop = ProducerReviewSummary.objects.get(producer__slug="chunsheng-herbs")
    assert shop.review_count == 2
