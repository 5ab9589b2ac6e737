from __future__ import annotations

import pytest

from backend.accounts.tests.factories import UserFactory
from backend.graphql.core.ids import to_global_id
from backend.reviews.models import ProductReview, ReviewReport
from backend.reviews.tests.scenarios import deliver, jpeg_upload, placed_purchase, review_of
from backend.sellers.tests.scenarios import ROLES

pytestmark = pytest.mark.django_db

CREATE = """
mutation Create($input: ProductReviewCreateInput!) {
  productReviewCreate(input: $input) {
    review { id rating text authorName photos { alt url(size: 160, format: WEBP) } answer { text } }
    errors { field code message }
  }
}
"""
ANSWER = """
mutation Answer($id: ID!, $text: String!) {
  productReviewAnswer(id: $id, text: $text) { review { answer { text } } errors { field code } }
}
"""
REPORT = """
mutation Report($id: ID!, $reason: ProductReviewReportReason!, $details: String) {
  productReviewReport(id: $id, reason: $reason, details: $details) {
    review { id } errors { field code }
  }
}
"""


def _line_id(purchase) -> str:  # type: ignore[no-untyped-def]
    return to_global_id("OrderLine", purchase.line.pk)


def test_product_review_create_delivered_line_published(post_as, buy):
    # given
    purchase = buy()

    # when
    response = post_as(purchase.order.user)(
        CREATE,
        {"input": {"orderLine": _line_id(purchase), "rating": 5, "text": "<i>香</i>甜"}},
    )

    # then
    payload = response.data["productReviewCreate"]
    assert payload["errors"] == []
    assert payload["review"]["rating"] == 5
    assert payload["review"]["text"] == "香甜"
    assert payload["review"]["authorName"] == "买**"
    assert payload["review"]["answer"] is None


def test_product_review_create_with_photos_multipart(post_as, buy):
    # given
    purchase = buy()
    variables = {
        "input": {
            "orderLine": _line_id(purchase),
            "rating": 4,
            "photos": [{"image": None, "alt": "到货照片"}, {"image": None}],
        }
    }

    # when
    response = post_as(purchase.order.user)(
        CREATE,
        variables,
        files={
            "variables.input.photos.0.image": jpeg_upload(),
            "variables.input.photos.1.image": jpeg_upload("b.jpg"),
        },
    )

    # then
    payload = response.data["productReviewCreate"]
    assert payload["errors"] == []
    photos = payload["review"]["photos"]
    assert photos[0]["alt"] == "到货照片"
    assert photos[0]["url"].startswith("/media/renditions/thumbnail/products/reviews/")
    assert len(photos) == 2


def test_product_review_create_bad_photo_names_its_index(post_as, buy):
    # given
    purchase = buy()
    from django.core.files.uploadedfile import SimpleUploadedFile

    variables = {
        "input": {"orderLine": _line_id(purchase), "rating": 4, "photos": [{"image": None}]}
    }

    # when
    response = post_as(purchase.order.user)(
        CREATE,
        variables,
        files={"variables.input.photos.0.image": SimpleUploadedFile("a.gif", b"GIF89a0")},
    )

    # then
    assert response.data["productReviewCreate"]["errors"] == [
        {
            "field": "photos.0",
            "code": "INVALID_IMAGE",
            "message": response.data["productReviewCreate"]["errors"][0]["message"],
        }
    ]
    assert not ProductReview.objects.exists()


def test_product_review_create_not_delivered_refused(post_as, channel, shop_variant):
    # given
    from backend.checkout.tests.scenarios import make_courier

    buyer = UserFactory()
    purchase = deliver(
        placed_purchase(channel, make_courier(), buyer, variants=[shop_variant]), received=False
    )

    # when
    response = post_as(buyer)(CREATE, {"input": {"orderLine": _line_id(purchase), "rating": 5}})

    # then
    assert response.data["productReviewCreate"]["errors"][0]["code"] == "NOT_DELIVERED"
    assert response.data["productReviewCreate"]["review"] is None


def test_product_review_create_twice_refused(post_as, buy):
    # given
    purchase = buy()
    post = post_as(purchase.order.user)
    post(CREATE, {"input": {"orderLine": _line_id(purchase), "rating": 5}})

    # when
    response = post(CREATE, {"input": {"orderLine": _line_id(purchase), "rating": 1}})

    # then
    assert response.data["productReviewCreate"]["errors"][0]["code"] == "ALREADY_REVIEWED"
    assert response.data["productReviewCreate"]["errors"][0]["field"] == "orderLine"


def test_product_review_create_someone_elses_line_not_found(post_as, buy):
    # given
    purchase = buy()

    # when
    response = post_as(UserFactory())(
        CREATE, {"input": {"orderLine": _line_id(purchase), "rating": 5}}
    )

    # then
    assert response.data["productReviewCreate"]["errors"][0]["code"] == "NOT_FOUND"


def test_product_review_create_malformed_id_is_graphql_error_code(post_as, buy):
    # given
    purchase = buy()

    # when
    response = post_as(purchase.order.user)(
        CREATE, {"input": {"orderLine": "garbage", "rating": 5}}
    )

    # then
    assert response.data["productReviewCreate"]["errors"][0]["code"] == "GRAPHQL_ERROR"


def test_product_review_create_signed_out_is_a_permission_error(post_as, buy):
    # given
    purchase = buy()

    # when
    response = post_as(None)(CREATE, {"input": {"orderLine": _line_id(purchase), "rating": 5}})

    # then
    assert response.errors[0]["message"].startswith("You need to be authenticated")
    assert not ProductReview.objects.exists()


def test_product_review_create_invalid_stars(post_as, buy):
    # given
    purchase = buy()

    # when
    response = post_as(purchase.order.user)(
        CREATE, {"input": {"orderLine": _line_id(purchase), "rating": 9}}
    )

    # then
    errors = response.data["productReviewCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("rating", "INVALID")]


PRODUCERS = {"owner", "co_owner", "helper_products", "helper_all"}


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_product_review_answer_authorization_matrix(post_as, people, buy, role):
    # given
    review = review_of(buy())
    review_id = to_global_id("ProductReview", review.pk)

    # when
    response = post_as(people[role])(ANSWER, {"id": review_id, "text": "谢谢惠顾"})

    # then: deactivated accounts are signed out, like anonymous callers
    if role in {"inactive_helper", "inactive_owner"}:
        assert response.errors[0]["message"].startswith("You need to be authenticated")
        return
    payload = response.data["productReviewAnswer"]
    if role in PRODUCERS:
        assert payload == {"review": {"answer": {"text": "谢谢惠顾"}}, "errors": []}
    else:
        assert payload == {"review": None, "errors": [{"field": "id", "code": "NOT_FOUND"}]}
        assert ProductReview.objects.get(pk=review.pk).answered_at is None


def test_product_review_answer_second_time_refused(post_as, people, buy):
    # given
    review = review_of(buy())
    review_id = to_global_id("ProductReview", review.pk)
    post_as(people["owner"])(ANSWER, {"id": review_id, "text": "谢谢"})

    # when
    response = post_as(people["helper_all"])(ANSWER, {"id": review_id, "text": "再答"})

    # then
    assert response.data["productReviewAnswer"]["errors"] == [
        {"field": "id", "code": "ALREADY_ANSWERED"}
    ]


def test_product_review_report_personal_trait(post_as, people, buy):
    # given
    review = review_of(buy(), text="店主腿脚不便")
    review_id = to_global_id("ProductReview", review.pk)

    # when
    response = post_as(people["helper_products"])(
        REPORT, {"id": review_id, "reason": "PERSONAL_TRAIT", "details": "针对残疾"}
    )

    # then
    assert response.data["productReviewReport"]["errors"] == []
    report = ReviewReport.objects.get()
    assert (report.reason, report.details) == ("personal_trait", "针对残疾")


def test_product_review_report_other_shop_not_found(post_as, people, buy):
    # given
    review = review_of(buy())

    # when
    response = post_as(people["other_seller"])(
        REPORT, {"id": to_global_id("ProductReview", review.pk), "reason": "FALSE"}
    )

    # then
    assert response.data["productReviewReport"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert not ReviewReport.objects.exists()
