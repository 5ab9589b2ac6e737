"""Portal review pages: the list, answering once, reporting (a personal trait too), each page ×
every role of build_people() (Wagtail-style matrix), CSRF, and 1 vs N query counts."""

from __future__ import annotations

import pytest
from django.test import Client

from backend.accounts.tests.factories import UserFactory
from backend.catalog.tests.factories import ChannelFactory
from backend.checkout.tests.scenarios import listed_variant, make_courier
from backend.reviews.creation import create_review
from backend.reviews.models import ProductReview, ReviewReport
from backend.reviews.moderation import hide_review
from backend.reviews.photos import PhotoInput
from backend.reviews.tests.scenarios import delivered_purchase, jpeg_upload, review_of
from backend.sellers.tests.scenarios import ROLES, People, build_people

pytestmark = pytest.mark.django_db

PRODUCTS = {"owner", "co_owner", "helper_all", "helper_products"}
SIGN_IN = {"anonymous", "inactive_helper", "inactive_owner"}
PAGES = [
    ("reviews", "reviews/"),
    ("answer", "reviews/{review}/answer/"),
    ("report", "reviews/{review}/report/"),
]


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    people = build_people()
    channel = ChannelFactory.create()
    courier = make_courier()
    variant = listed_variant(channel, producer=people.shop, stock=30)
    review = review_of(
        delivered_purchase(channel, courier, UserFactory(name="张买家"), variants=[variant]),
        rating=2,
        text="包装破了",
    )
    other_variant = listed_variant(channel, producer=people.other_shop, stock=5)
    other_review = review_of(
        delivered_purchase(channel, courier, UserFactory(name="李买家"), variants=[other_variant])
    )
    return people, review, other_review, (channel, courier, variant)


def _base(people: People) -> str:
    return f"/en/seller/shop/{people.shop.pk}/"


@pytest.mark.parametrize("role", ROLES)
def test_review_pages_answer_each_role_as_the_policy_says(client, world, role):
    # given
    people, review, _other, _ = world
    if role != "anonymous":
        client.force_login(people[role])

    # when
    answers = {
        name: client.get(_base(people) + path.format(review=review.pk)).status_code
        for name, path in PAGES
    }

    # then
    expected = 302 if role in SIGN_IN else (200 if role in PRODUCTS else 404)
    assert answers == {name: expected for name, _path in PAGES}


@pytest.mark.parametrize("role", ROLES)
def test_review_writes_refused_to_roles_without_the_scope(client, world, role):
    # given
    people, review, _other, _ = world
    if role in PRODUCTS:
        return
    if role != "anonymous":
        client.force_login(people[role])
    base = _base(people) + f"reviews/{review.pk}/"

    # when
    answered = client.post(base + "answer/", {"text": "谢谢"}).status_code
    reported = client.post(base + "report/", {"reason": "false"}).status_code

    # then
    expected = 302 if role in SIGN_IN else 404
    assert (answered, reported) == (expected, expected)
    assert ProductReview.objects.get(pk=review.pk).answered_at is None
    assert not ReviewReport.objects.exists()


def test_review_pages_of_another_shops_review_are_404_like_a_missing_one(client, world):
    # given
    people, _review, other_review, _ = world
    client.force_login(people.user("owner"))

    # when
    other = client.get(_base(people) + f"reviews/{other_review.pk}/answer/").status_code
    missing = client.get(_base(people) + "reviews/999999/answer/").status_code
    other_shop = client.get(f"/en/seller/shop/{people.other_shop.pk}/reviews/").status_code

    # then
    assert (other, missing, other_shop) == (404, 404, 404)


def test_review_list_shows_stars_text_and_links(client, world):
    # given
    people, review, other_review, _ = world
    client.force_login(people.user("helper_products"))

    # when
    html = client.get(_base(people) + "reviews/").content.decode()

    # then
    assert "2 stars out of 5" in html
    assert "包装破了" in html
    assert f"reviews/{review.pk}/answer/" in html
    assert f"reviews/{review.pk}/report/" in html
    assert f"reviews/{other_review.pk}/" not in html
    assert "Average 2.00 out of 5 from 1 review" in html


def test_review_answer_posted_once_then_shown_instead_of_the_link(client, world):
    # given
    people, review, _other, _ = world
    client.force_login(people.user("owner"))
    url = _base(people) + f"reviews/{review.pk}/answer/"

    # when
    response = client.post(url, {"text": "抱歉，已给您补发"})
    again = client.get(url)

    # then
    assert response.status_code == 302
    assert ProductReview.objects.get(pk=review.pk).answer_text == "抱歉，已给您补发"
    assert again.status_code == 302
    html = client.get(_base(people) + "reviews/").content.decode()
    assert "Your answer:" in html
    assert f"reviews/{review.pk}/answer/" not in html


def test_review_answer_empty_shows_error_summary(client, world):
    # given
    people, review, _other, _ = world
    client.force_login(people.user("owner"))

    # when
    response = client.post(_base(people) + f"reviews/{review.pk}/answer/", {"text": ""})

    # then
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Write your answer" in html
    assert "包装破了" in html


def test_review_report_personal_trait_recorded_and_listed(client, world):
    # given
    people, review, _other, _ = world
    client.force_login(people.user("helper_all"))
    url = _base(people) + f"reviews/{review.pk}/report/"

    # when
    page = client.get(url).content.decode()
    response = client.post(url, {"reason": "personal_trait", "details": "评价在说店主的残疾"})

    # then
    assert "such as a disability" in page
    assert response.status_code == 302
    report = ReviewReport.objects.get()
    assert (report.reason, report.reported_by_id) == (
        "personal_trait",
        people.user("helper_all").pk,
    )
    html = client.get(_base(people) + "reviews/").content.decode()
    assert "Reported: It is about a personal trait of the seller" in html


def test_review_report_without_reason_keeps_details(client, world):
    # given
    people, review, _other, _ = world
    client.force_login(people.user("owner"))

    # when
    response = client.post(
        _base(people) + f"reviews/{review.pk}/report/", {"details": "写的不是商品"}
    )

    # then
    html = response.content.decode()
    assert "Choose why you report it" in html
    assert "写的不是商品</textarea>" in html
    assert not ReviewReport.objects.exists()


def test_review_list_hidden_review_shows_the_operators_reason(client, world):
    # given
    people, review, _other, _ = world
    hide_review(review.pk, actor=people.user("county_operator"), reason="涉及个人特征")
    client.force_login(people.user("owner"))

    # when
    html = client.get(_base(people) + "reviews/").content.decode()

    # then
    assert "Hidden by an operator" in html
    assert "涉及个人特征" in html


def test_review_answer_refuses_post_without_csrf(world):
    # given
    people, review, _other, _ = world
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.user("owner"))

    # when
    response = client.post(_base(people) + f"reviews/{review.pk}/answer/", {"text": "谢谢"})

    # then
    assert response.status_code == 403


def test_home_links_to_reviews_for_those_who_manage_products(client, world):
    # given
    people, _review, _other, _ = world

    # when
    client.force_login(people.user("helper_products"))
    helper_products = client.get("/en/seller/").content.decode()
    client.force_login(people.user("helper_orders"))
    helper_orders = client.get("/en/seller/").content.decode()

    # then
    link = f'href="/en/seller/shop/{people.shop.pk}/reviews/"'
    assert link in helper_products
    assert link not in helper_orders


@pytest.mark.parametrize("extra", [0, 6])
def test_review_list_query_count_is_the_same_for_1_and_many(
    client, world, django_assert_num_queries, extra
):
    # given
    people, _review, _other, (channel, courier, variant) = world
    for i in range(extra):
        buyer = UserFactory(name=f"买家{i}")
        purchase = delivered_purchase(channel, courier, buyer, variants=[variant])
        create_review(
            purchase.line.pk, actor=buyer, rating=4, text="", photos=[PhotoInput(jpeg_upload())]
        )
    client.force_login(people.user("owner"))

    # when / then: session, user, shop, COUNT, page, photos, open reports, summary
    with django_assert_num_queries(8):
        response = client.get(_base(people) + "reviews/")
    assert response.status_code == 200
