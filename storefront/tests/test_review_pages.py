"""Reviews on the storefront: writing one for a delivered line (errors keep what was typed),
the order page's links, the product and shop pages' averages and lists at a pinned query
count, and the product's review pages."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from backend.accounts.models import User
from backend.accounts.tests.factories import UserFactory
from backend.checkout.tests.scenarios import listed_variant, make_courier
from backend.producers.tests.factories import ProducerFactory
from backend.reviews.answers import answer_review
from backend.reviews.creation import create_review
from backend.reviews.models import ProductReview
from backend.reviews.moderation import hide_review
from backend.reviews.photos import PhotoInput
from backend.reviews.tests.scenarios import Purchase, delivered_purchase, placed_purchase
from storefront.tests.test_product_page import PRODUCT_PAGE_QUERIES
from storefront.tests.test_shop_page import SHOP_PAGE_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def courier(db):  # type: ignore[no-untyped-def]
    return make_courier()


@pytest.fixture
def buyer(db) -> User:  # type: ignore[no-untyped-def]
    return UserFactory(name="王小梅", email="mei-review@example.test")  # type: ignore[return-value]


@pytest.fixture
def purchase(channel, courier, buyer) -> Purchase:  # type: ignore[no-untyped-def]
    return delivered_purchase(channel, courier, buyer)


def _url(purchase: Purchase, prefix: str = "/en") -> str:
    return f"{prefix}/account/orders/{purchase.order.token}/lines/{purchase.line.pk}/review/"


def _jpeg(name: str = "photo.jpg") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 10)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_review_form_has_labelled_star_radios_and_photo_fields(client, buyer, purchase):
    # given
    client.force_login(buyer)

    # when
    response = client.get(_url(purchase))

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert '<legend class="fieldset__legend">How many stars do you give it?</legend>' in html
    assert html.count('type="radio"') == 5
    assert '<label class="label" for="id_photo_3">Photo 3 (optional)</label>' in html
    assert 'enctype="multipart/form-data"' in html


def test_review_form_post_publishes_and_returns_to_the_order(client, buyer, purchase):
    # given
    client.force_login(buyer)

    # when
    response = client.post(
        _url(purchase),
        {"rating": "4", "text": "<b>很香</b>", "photo_1": _jpeg(), "photo_1_alt": "油的颜色"},
    )

    # then
    assert response.status_code == 302
    assert response["Location"] == f"/en/account/orders/{purchase.order.token}/"
    review = ProductReview.objects.get()
    assert (review.rating, review.text, review.author_id) == (4, "很香", buyer.pk)
    assert [p.alt for p in review.photos.all()] == ["油的颜色"]


def test_review_form_errors_keep_what_was_typed_and_link_to_fields(client, buyer, purchase):
    # given
    client.force_login(buyer)
    bad = SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain")

    # when
    response = client.post(
        _url(purchase), {"text": "运输很快", "photo_2": bad, "photo_2_alt": "包装"}
    )

    # then
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error:" in html
    assert 'href="#id_rating_0">Choose from 1 to 5 stars</a>' in html
    assert 'href="#id_photo_2">' in html
    assert "运输很快</textarea>" in html
    assert 'value="包装"' in html
    assert not ProductReview.objects.exists()


def test_review_form_second_review_explains_instead_of_the_form(client, buyer, purchase):
    # given
    create_review(purchase.line.pk, actor=buyer, rating=5, text="")
    client.force_login(buyer)

    # when
    response = client.post(_url(purchase), {"rating": "1"})

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "You have already reviewed this purchase." in html
    assert 'name="rating"' not in html
    assert ProductReview.objects.count() == 1


def test_review_form_not_delivered_explains(client, channel, courier, buyer):
    # given
    purchase = placed_purchase(channel, courier, buyer)
    client.force_login(buyer)

    # when
    response = client.post(_url(purchase), {"rating": "5"})

    # then
    assert "You can review this once it has been delivered to you." in response.content.decode()
    assert not ProductReview.objects.exists()


def test_review_form_someone_elses_line_is_404(client, purchase):
    # given
    client.force_login(UserFactory(name="别人"))

    # when
    response = client.get(_url(purchase))

    # then
    assert response.status_code == 404


def test_review_form_signed_out_asks_to_sign_in(client, purchase):
    # when
    response = client.get(_url(purchase))

    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/?next=")


def test_review_form_refuses_post_without_csrf(buyer, purchase):
    # given
    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer)

    # when
    response = client.post(_url(purchase), {"rating": "5"})

    # then
    assert response.status_code == 403
    assert not ProductReview.objects.exists()


def test_order_page_links_each_delivered_line_to_its_review(client, channel, courier, buyer):
    # given
    first, second = listed_variant(channel), listed_variant(channel)
    purchase = delivered_purchase(channel, courier, buyer, variants=[first, second])
    create_review(purchase.lines[0].pk, actor=buyer, rating=5, text="")
    client.force_login(buyer)

    # when
    html = client.get(f"/en/account/orders/{purchase.order.token}/").content.decode()

    # then
    assert "Review what you received" in html
    assert "reviewed, thank you" in html
    assert (
        f'href="/en/account/orders/{purchase.order.token}/lines/{purchase.lines[1].pk}/review/"'
        in html
    )
    assert f"/lines/{purchase.lines[0].pk}/review/" not in html


def test_order_page_without_delivery_has_no_review_links(client, channel, courier, buyer):
    # given
    purchase = placed_purchase(channel, courier, buyer)
    client.force_login(buyer)

    # when
    html = client.get(f"/en/account/orders/{purchase.order.token}/").content.decode()

    # then
    assert "Review what you received" not in html


def _reviews(channel, courier, count: int) -> list[ProductReview]:  # type: ignore[no-untyped-def]
    shop = ProducerFactory(owner=UserFactory(name="店主"))
    variant = listed_variant(channel, producer=shop, stock=50)
    found = []
    for i in range(count):
        buyer = UserFactory(name=f"买家{i}")
        purchase = delivered_purchase(channel, courier, buyer, variants=[variant])
        found.append(
            create_review(
                purchase.line.pk,
                actor=buyer,
                rating=5 - i % 2,
                text=f"第{i}条评价",
                photos=[PhotoInput(_jpeg())],
            )
        )
    return found


def test_product_page_shows_average_count_reviews_and_the_shops_answer(client, channel, courier):
    # given
    reviews = _reviews(channel, courier, 2)
    owner = reviews[0].producer.owner
    answer_review(reviews[0].pk, actor=owner, text="感谢支持")

    # when
    html = client.get(f"/en/product/{reviews[0].product.slug}/").content.decode()

    # then
    assert "Average 4.50 out of 5 from 2 reviews" in html
    assert "第0条评价" in html
    assert "第1条评价" in html
    assert "The shop answered:" in html
    assert "感谢支持" in html
    assert "5 stars out of 5" in html
    assert "买**, a buyer who received it" in html
    assert "买家0" not in html


def test_product_page_hidden_review_leaves_list_and_average(client, channel, courier):
    # given
    reviews = _reviews(channel, courier, 2)
    operator = UserFactory(is_staff=True, is_superuser=True)
    hide_review(reviews[1].pk, actor=operator, reason="针对卖家个人")

    # when
    html = client.get(f"/en/product/{reviews[0].product.slug}/").content.decode()

    # then
    assert "Average 5.00 out of 5 from 1 review" in html
    assert "第1条评价" not in html


@pytest.mark.parametrize("count", [1, 7])
def test_product_page_query_count_is_the_same_for_1_and_many_reviews(
    client, channel, courier, django_assert_num_queries, count
):
    # given
    slug = _reviews(channel, courier, count)[0].product.slug

    # when / then: the product page, plus a page of reviews and their photos
    with django_assert_num_queries(PRODUCT_PAGE_QUERIES + 2):
        response = client.get(f"/en/product/{slug}/")
    assert response.content.decode().count('class="review order-list__item"') == min(count, 5)


@pytest.mark.parametrize("count", [1, 7])
def test_shop_page_query_count_is_the_same_for_1_and_many_reviews(
    client, channel, courier, django_assert_num_queries, count
):
    # given
    shop = _reviews(channel, courier, count)[0].producer

    # when / then
    with django_assert_num_queries(SHOP_PAGE_QUERIES + 2):
        response = client.get(f"/en/shop/{shop.slug}/")
    html = response.content.decode()
    assert "What buyers say" in html
    assert html.count('class="review order-list__item"') == min(count, 5)


def test_product_reviews_page_lists_every_visible_review(client, channel, courier):
    # given
    reviews = _reviews(channel, courier, 7)

    # when
    product_html = client.get(f"/en/product/{reviews[0].product.slug}/").content.decode()
    html = client.get(f"/en/product/{reviews[0].product.slug}/reviews/").content.decode()

    # then
    assert f'href="/en/product/{reviews[0].product.slug}/reviews/"' in product_html
    assert html.count('class="review order-list__item"') == 7
    assert "<h1>Reviews of" in html


def test_product_reviews_page_unknown_product_is_404(client, channel):
    # when
    response = client.get("/en/product/no-such-thing/reviews/")

    # then
    assert response.status_code == 404


def test_review_form_over_the_hourly_limit_says_so_and_keeps_the_text(
    client, channel, courier, buyer
):
    # given: the buyer wrote the most reviews an hour allows
    variants = [listed_variant(channel) for _ in range(6)]
    purchase = delivered_purchase(channel, courier, buyer, variants=variants)
    for line in purchase.lines[:5]:
        create_review(line.pk, actor=buyer, rating=5, text="")
    client.force_login(buyer)
    url = f"/en/account/orders/{purchase.order.token}/lines/{purchase.lines[5].pk}/review/"

    # when
    response = client.post(url, {"rating": "4", "text": "第六条"})

    # then
    html = response.content.decode()
    assert response.status_code == 400
    assert "You have written 5 reviews in the last hour, the most we accept." in html
    assert "第六条</textarea>" in html
    assert ProductReview.objects.count() == 5


def test_product_page_links_the_average_under_the_price_to_the_reviews(client, channel, courier):
    # given
    reviews = _reviews(channel, courier, 2)

    # when
    html = client.get(f"/en/product/{reviews[0].product.slug}/").content.decode()

    # then
    assert '<p class="product__rating"><a href="#reviews-heading">' in html
    assert "4.50 out of 5, 2 reviews</a>" in html
