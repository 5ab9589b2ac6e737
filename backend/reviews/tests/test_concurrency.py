"""Real transactions in real threads on PostgreSQL: two reviews of one product at once both
count (the summary rows are locked, then recomputed), and one order line reviewed twice at
once gives one review and one ALREADY_REVIEWED.

`available_apps` keeps the flush after each test to these apps' tables, so the official regions
loaded once per session survive for the tests that run after these.
"""

from __future__ import annotations

import pytest

from backend.accounts.tests.factories import UserFactory
from backend.catalog.models import Product
from backend.catalog.tests.factories import ChannelFactory
from backend.checkout.tests.scenarios import listed_variant, make_courier
from backend.orders.tests.test_concurrency import run_in_threads
from backend.reviews.creation import create_review
from backend.reviews.errors import ReviewError, ReviewErrorCode
from backend.reviews.models import ProducerReviewSummary, ProductReview, ProductReviewSummary
from backend.reviews.tests.scenarios import delivered_purchase

AVAILABLE_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "backend.accounts",
    "backend.producers",
    "backend.catalog",
    "backend.warehouse",
    "backend.checkout",
    "backend.orders",
    "backend.payments",
    "backend.delivery",
    "backend.zone",
    "backend.audit",
    "backend.reviews",
]
real_transactions = pytest.mark.django_db(transaction=True, available_apps=AVAILABLE_APPS)


@real_transactions
def test_create_review_two_buyers_at_once_both_counted():
    # given
    channel = ChannelFactory.create()
    courier = make_courier()
    variant = listed_variant(channel, stock=10)
    buyers = [UserFactory(), UserFactory()]
    lines = [
        delivered_purchase(channel, courier, buyer, variants=[variant]).line for buyer in buyers
    ]

    # when
    results = run_in_threads(
        [
            lambda: create_review(lines[0].pk, actor=buyers[0], rating=5, text=""),
            lambda: create_review(lines[1].pk, actor=buyers[1], rating=2, text=""),
        ]
    )

    # then
    assert [status for status, _ in results] == ["ok", "ok"]
    summary = ProductReviewSummary.objects.get(product_id=variant.product_id)
    assert (summary.review_count, summary.rating_sum) == (2, 7)
    producer = ProducerReviewSummary.objects.get(producer_id=variant.product.producer_id)
    assert (producer.review_count, producer.rating_sum) == (2, 7)
    assert Product.objects.get(pk=variant.product_id).rating == pytest.approx(3.5)


@real_transactions
def test_create_review_same_line_twice_at_once_one_review():
    # given
    channel = ChannelFactory.create()
    buyer = UserFactory()
    line = delivered_purchase(channel, make_courier(), buyer).line

    # when
    results = run_in_threads(
        [lambda: create_review(line.pk, actor=buyer, rating=4, text="") for _ in range(2)]
    )

    # then
    statuses = sorted(status for status, _ in results)
    assert statuses == ["error", "ok"]
    error = next(value for status, value in results if status == "error")
    assert isinstance(error, ReviewError)
    assert error.code == ReviewErrorCode.ALREADY_REVIEWED
    assert ProductReview.objects.filter(order_line=line).count() == 1
    summary = ProductReviewSummary.objects.get(product_id=line.variant.product_id)
    assert summary.review_count == 1
