from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from backend.catalog.models import Product
from backend.checkout.tests.scenarios import listed_variant
from backend.reviews.creation import create_review
from backend.reviews.errors import ReviewError, ReviewErrorCode
from backend.reviews.models import ProductReview, ProductReviewSummary
from backend.reviews.photos import PhotoInput
from backend.reviews.rate_limits import ReviewRateLimitPolicy
from backend.reviews.tests.scenarios import (
    deliver,
    delivered_purchase,
    jpeg_upload,
    placed_purchase,
)


def _code(excinfo: pytest.ExceptionInfo[ReviewError]) -> str:
    return excinfo.value.code


def test_create_review_delivered_line_writes_review_and_summary(channel, courier, buyer):
    # given
    purchase = delivered_purchase(channel, courier, buyer)

    # when
    review = create_review(purchase.line.pk, actor=buyer, rating=4, text="党参很新鲜")

    # then
    assert review.rating == 4
    assert review.text == "党参很新鲜"
    assert review.producer_id == purchase.line.producer_id
    summary = ProductReviewSummary.objects.get(product_id=review.product_id)
    assert (summary.review_count, summary.rating_sum) == (1, 4)
    assert Product.objects.get(pk=review.product_id).rating == 4


def test_create_review_line_not_yet_received_refused(channel, courier, buyer):
    # given: shipped but not marked received
    purchase = deliver(placed_purchase(channel, courier, buyer), received=False)

    # when
    with pytest.raises(ReviewError) as excinfo:
        create_review(purchase.line.pk, actor=buyer, rating=5, text="")

    # then
    assert _code(excinfo) == ReviewErrorCode.NOT_DELIVERED
    assert not ProductReview.objects.exists()


def test_create_review_unshipped_order_refused(channel, courier, buyer):
    # given
    purchase = placed_purchase(channel, courier, buyer)

    # when
    with pytest.raises(ReviewError) as excinfo:
        create_review(purchase.line.pk, actor=buyer, rating=5, text="")

    # then
    assert _code(excinfo) == ReviewErrorCode.NOT_DELIVERED


def test_create_review_someone_elses_line_is_not_found(channel, courier, buyer, other_buyer):
    # given
    purchase = delivered_purchase(channel, courier, buyer)

    # when
    with pytest.raises(ReviewError) as excinfo:
        create_review(purchase.line.pk, actor=other_buyer, rating=5, text="")

    # then: the same answer as for a line that does not exist
    assert _code(excinfo) == ReviewErrorCode.NOT_FOUND
    with pytest.raises(ReviewError) as missing:
        create_review(purchase.line.pk + 1000, actor=other_buyer, rating=5, text="")
    assert (missing.value.code, missing.value.field) == (
        excinfo.value.code,
        excinfo.value.field,
    )


def test_create_review_second_review_of_same_line_refused(channel, courier, buyer):
    # given
    purchase = delivered_purchase(channel, courier, buyer)
    create_review(purchase.line.pk, actor=buyer, rating=5, text="好")

    # when
    with pytest.raises(ReviewError) as excinfo:
        create_review(purchase.line.pk, actor=buyer, rating=1, text="再评一次")

    # then
    assert _code(excinfo) == ReviewErrorCode.ALREADY_REVIEWED
    assert ProductReview.objects.count() == 1


def test_create_review_each_line_of_an_order_once(channel, courier, buyer):
    # given: two products of one producer in one order
    first = listed_variant(channel, stock=5)
    second = listed_variant(channel, producer=first.product.producer, stock=5)
    purchase = delivered_purchase(channel, courier, buyer, variants=[first, second])

    # when
    reviews = [
        create_review(line.pk, actor=buyer, rating=stars, text="")
        for line, stars in zip(purchase.lines, (5, 3), strict=True)
    ]

    # then
    assert {r.order_line_id for r in reviews} == {line.pk for line in purchase.lines}


def test_create_review_html_is_stripped(channel, courier, buyer):
    # given
    purchase = delivered_purchase(channel, courier, buyer)

    # when
    review = create_review(
        purchase.line.pk,
        actor=buyer,
        rating=5,
        text='<b>很好吃</b><script>alert("x")</script><a href="http://spam.test">便宜</a>',
    )

    # then
    assert review.text == "很好吃便宜"


@pytest.mark.parametrize(
    ("rating", "code"),
    [(0, ReviewErrorCode.INVALID), (6, ReviewErrorCode.INVALID), ("", ReviewErrorCode.REQUIRED)],
)
def test_create_review_stars_outside_1_to_5_refused(channel, courier, buyer, rating, code):
    # given
    purchase = delivered_purchase(channel, courier, buyer)

    # when
    with pytest.raises(ReviewError) as excinfo:
        create_review(purchase.line.pk, actor=buyer, rating=rating, text="")

    # then
    assert (excinfo.value.code, excinfo.value.field) == (code, "rating")


def test_create_review_text_too_long_refused(channel, courier, buyer):
    # given
    purchase = delivered_purchase(channel, courier, buyer)

    # when
    with pytest.raises(ReviewError) as excinfo:
        create_review(purchase.line.pk, actor=buyer, rating=5, text="好" * 2001)

    # then
    assert (excinfo.value.code, excinfo.value.field) == (ReviewErrorCode.TOO_LONG, "text")


def test_create_review_rate_limited_after_the_hourly_maximum(channel, courier, buyer):
    # given
    variants = [listed_variant(channel, stock=5) for _ in range(3)]
    purchase = delivered_purchase(channel, courier, buyer, variants=variants)
    policy = ReviewRateLimitPolicy(max_reviews=2, period=timedelta(hours=1))
    for line in purchase.lines[:2]:
        create_review(line.pk, actor=buyer, rating=5, text="", rate_limit=policy)

    # when
    with pytest.raises(ReviewError) as excinfo:
        create_review(purchase.lines[2].pk, actor=buyer, rating=5, text="", rate_limit=policy)

    # then
    assert excinfo.value.code == ReviewErrorCode.RATE_LIMITED
    assert "2" in excinfo.value.message
    assert ProductReview.objects.count() == 2


def test_create_review_with_photos_stores_normalised_jpegs(channel, courier, buyer, media_root):
    # given
    purchase = delivered_purchase(channel, courier, buyer)
    photos = [PhotoInput(jpeg_upload("IMG_李明.jpg"), "党参切面"), PhotoInput(jpeg_upload())]

    # when
    review = create_review(purchase.line.pk, actor=buyer, rating=5, text="", photos=photos)

    # then
    stored = list(review.photos.order_by("sort_order"))
    assert [p.alt for p in stored] == [
        "党参切面",
        _("Photo from a buyer of %(product)s") % {"product": purchase.line.product_name},
    ]
    assert all(p.image.name.startswith("products/reviews/") for p in stored)
    assert "李明" not in stored[0].image.name
    assert (media_root / stored[0].image.name).exists()


def test_create_review_four_photos_refused(channel, courier, buyer):
    # given
    purchase = delivered_purchase(channel, courier, buyer)

    # when
    with pytest.raises(ReviewError) as excinfo:
        create_review(
            purchase.line.pk,
            actor=buyer,
            rating=5,
            text="",
            photos=[PhotoInput(jpeg_upload()) for _ in range(4)],
        )

    # then
    assert excinfo.value.code == ReviewErrorCode.TOO_MANY_PHOTOS


@pytest.mark.parametrize(
    ("name", "content_type", "data", "code", "limits"),
    [
        (
            "a.jpg",
            "image/jpeg",
            None,
            ReviewErrorCode.FILE_TOO_LARGE,
            {"IMAGE_MAX_UPLOAD_BYTES": 10},
        ),
        ("a.txt", "text/plain", None, ReviewErrorCode.INVALID_EXTENSION, {}),
        ("a.png", "image/png", None, ReviewErrorCode.FORMAT_MISMATCH, {}),
        ("a.jpg", "image/jpeg", b"not a picture", ReviewErrorCode.INVALID_IMAGE, {}),
        ("a.jpg", "image/jpeg", None, ReviewErrorCode.TOO_MANY_PIXELS, {"IMAGE_MAX_PIXELS": 100}),
    ],
)
def test_create_review_bad_photo_refused_with_the_image_code(
    channel, courier, buyer, settings, name, content_type, data, code, limits
):
    # given
    from django.core.files.uploadedfile import SimpleUploadedFile

    from backend.reviews.tests.scenarios import jpeg_bytes

    for key, value in limits.items():
        setattr(settings, key, value)
    purchase = delivered_purchase(channel, courier, buyer)
    bad = SimpleUploadedFile(name, data or jpeg_bytes(), content_type=content_type)
    # a good photo first, unless the limits would refuse it too
    photos = [PhotoInput(bad)] if limits else [PhotoInput(jpeg_upload()), PhotoInput(bad)]

    # when
    with pytest.raises(ReviewError) as excinfo:
        create_review(
            purchase.line.pk,
            actor=buyer,
            rating=5,
            text="",
            photos=photos,
        )

    # then
    assert (excinfo.value.code, excinfo.value.field) == (code, f"photos.{len(photos) - 1}")
    assert not ProductReview.objects.exists()


def test_review_kept_without_a_name_when_the_buyer_account_is_deleted(channel, courier, buyer):
    # given
    from backend.reviews.lookups import public_author_name, visible_reviews

    purchase = delivered_purchase(channel, courier, buyer)
    review = create_review(purchase.line.pk, actor=buyer, rating=4, text="好")
    assert public_author_name(visible_reviews().get(pk=review.pk).author) == "评**"

    # when
    buyer.delete()

    # then
    kept = visible_reviews().get(pk=review.pk)
    assert kept.author is None
    with translation.override("en"):
        assert public_author_name(kept.author) == "Deleted user"
    assert ProductReviewSummary.objects.get(product_id=review.product_id).review_count == 1
