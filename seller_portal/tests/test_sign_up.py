"""Signing up and opening a shop: one question per page, errors with kept answers, no puzzle."""

from __future__ import annotations

import pytest
from django.test import Client

from backend.accounts.models import User
from backend.accounts.tests.factories import PASSWORD, UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.models import Producer, ProducerKind
from backend.producers.tests.factories import make_certificate
from backend.regions.models import Region

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "sunny hills of gansu 2024"
SIGN_UP = "/en/seller/signup/"
STEPS = "/en/seller/signup/shop/"


def _sign_up(client: Client, login: str = "139 1234 5678", **extra: str):  # type: ignore[no-untyped-def]
    data = {
        "name": "刘小红",
        "login": login,
        "password": GOOD_PASSWORD,
        "password_again": GOOD_PASSWORD,
        **extra,
    }
    return client.post(SIGN_UP, data)


def _answer(client: Client, step: str, data: dict[str, str], *, returning: bool = False):  # type: ignore[no-untyped-def]
    suffix = "?return=check" if returning else ""
    response = client.post(f"{STEPS}{step}/{suffix}", data)
    assert response.status_code == 302, (step, response.content.decode()[:3000])
    return response["Location"]


def _open_cooperative(client: Client) -> None:
    _answer(client, "name", {"name": "渭源县阳光合作社"})
    _answer(client, "kind", {"kind": ProducerKind.COOPERATIVE})
    _answer(client, "province", {"province": "62"})
    _answer(client, "county", {"county": str(Region.objects.get(code="621123").pk)})
    _answer(client, "place", {"township": "会川镇", "village": "本庙村"})
    _answer(client, "story", {"story": "二十户人家一起种党参。"})


def test_sign_up_with_a_mobile_number_creates_the_account_signs_in_and_asks_about_the_shop(
    client,
):
    # when
    response = _sign_up(client, login="+86 139-1234-5678")
    # then
    assert response.status_code == 302
    assert response["Location"] == "/en/seller/signup/shop/name/"
    user = User.objects.get(mobile="13912345678")
    assert user.name == "刘小红"
    assert user.email is None
    assert user.check_password(GOOD_PASSWORD)
    assert client.get("/en/seller/").status_code == 200  # signed in


def test_sign_up_with_an_email_address_then_sign_in_with_it(client):
    # when
    _sign_up(client, login="xiaohong@example.test")
    client.post("/en/seller/logout/")
    response = client.post(
        "/en/seller/login/", {"login": "xiaohong@example.test", "password": GOOD_PASSWORD}
    )
    # then
    assert response.status_code == 302
    assert User.objects.get(email="xiaohong@example.test").mobile is None


def test_sign_in_accepts_the_mobile_number_typed_with_spaces_or_country_code(client):
    # given
    user = UserFactory(mobile="13912345678")
    # when
    response = client.post("/seller/login/", {"login": "+86 139 1234 5678", "password": PASSWORD})
    # then
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_sign_up_page_has_no_captcha_and_links_to_sign_in(client):
    html = client.get(SIGN_UP).content.decode()
    assert 'autocomplete="new-password"' in html
    assert "captcha" not in html.lower()
    assert 'href="/en/seller/login/"' in html


@pytest.mark.parametrize(
    ("login", "message"),
    [
        ("12345", "Enter a mainland China mobile number with 11 digits"),
        ("010 6552 9988", "Enter a mainland China mobile number with 11 digits"),
        ("xiaohong@", "Enter an email address in the right form"),
    ],
)
def test_sign_up_bad_mobile_or_email_says_what_to_do_and_keeps_answers(client, login, message):
    # when
    response = _sign_up(client, login=login)
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html
    assert 'href="#id_login"' in html
    assert message in html
    assert 'value="刘小红"' in html
    assert f'value="{login}"' in html
    assert not User.objects.exists()


def test_sign_up_number_already_used_says_sign_in_instead(client):
    UserFactory(mobile="13912345678")
    html = _sign_up(client, login="139 1234 5678").content.decode()
    assert "An account already uses this mobile number. Sign in with it instead." in html
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("abc12", "This password is too short"),
        ("58204719365", "This password is entirely numeric"),
        ("password123", "This password is too common"),
    ],
)
def test_sign_up_weak_password_explains_the_rule(client, password, message):
    response = _sign_up(client, password=password, password_again=password)
    html = response.content.decode()
    assert message in html
    assert 'href="#id_password"' in html
    assert 'aria-describedby="id_password-hint id_password-error"' in html
    assert not User.objects.exists()


def test_sign_up_passwords_not_the_same(client):
    html = _sign_up(client, password_again="something else 2024").content.decode()
    assert "The two passwords are not the same" in html
    assert not User.objects.exists()


def test_sign_up_empty_form_lists_every_missing_answer(client):
    html = client.post(SIGN_UP, {}).content.decode()
    for field in ("name", "login", "password", "password_again"):
        assert f'href="#id_{field}"' in html


def test_sign_up_when_signed_in_goes_on_to_the_shop_questions(client):
    client.force_login(UserFactory())
    assert client.get(SIGN_UP)["Location"] == "/en/seller/signup/shop/name/"


def test_sign_up_without_csrf_token_is_refused():
    strict = Client(enforce_csrf_checks=True)
    assert _sign_up(strict).status_code == 403
    assert not User.objects.exists()


def test_open_shop_questions_need_signing_in(client):
    response = client.get(f"{STEPS}name/")
    assert response.status_code == 302
    assert "/seller/login/" in response["Location"]


def test_open_shop_one_question_per_page_then_check_answers_opens_it(client):
    # given
    _sign_up(client)
    user = User.objects.get()
    # when
    _open_cooperative(client)
    check = client.get(f"{STEPS}check/").content.decode()
    response = client.post(f"{STEPS}check/")
    # then
    assert "渭源县" in check
    assert "会川镇" in check
    assert response["Location"] == "/en/seller/"
    shop = Producer.objects.get()
    assert (shop.owner, shop.kind, shop.name) == (
        user,
        ProducerKind.COOPERATIVE,
        "渭源县阳光合作社",
    )
    assert shop.region.code == "621123"
    assert shop.address_detail == "会川镇 本庙村"
    assert shop.slug.startswith("wei-yuan-xian")
    event = AuditEvent.objects.get(seller=shop)
    assert event.event_type == AuditEventType.SHOP_PROFILE_UPDATED
    assert event.actor == user
    assert event.extra_data["opened"] is True
    assert event.new["name"] == "渭源县阳光合作社"
    home = client.get("/en/seller/").content.decode()
    assert "渭源县阳光合作社" in home
    assert f"/en/seller/shop/{shop.pk}/profile/" in home
    assert "open-shop" not in client.session


def test_open_shop_kind_question_explains_each_kind_in_plain_words(client):
    client.force_login(UserFactory())
    html = client.get(f"{STEPS}kind/").content.decode()
    assert '<legend class="legend"><h1 class="label-heading">What kind of shop is it?' in html
    assert html.count('type="radio"') == 5
    assert "sells for the households that belong to it" in html


def test_open_shop_disabled_seller_is_asked_the_certificate_number_and_sees_it_masked(client):
    # given
    client.force_login(UserFactory())
    certificate = make_certificate(7)
    _answer(client, "name", {"name": "小李的党参店"})
    # when
    after_kind = _answer(client, "kind", {"kind": ProducerKind.DISABLED_INDIVIDUAL})
    bad = client.post(f"{STEPS}certificate/", {"disability_certificate_number": "6211231980"})
    _answer(client, "certificate", {"disability_certificate_number": certificate})
    _answer(client, "province", {"province": "62"})
    _answer(client, "county", {"county": str(Region.objects.get(code="621123").pk)})
    _answer(client, "place", {})
    _answer(client, "story", {})
    check = client.get(f"{STEPS}check/").content.decode()
    client.post(f"{STEPS}check/")
    # then
    assert after_kind == "/en/seller/signup/shop/certificate/"
    assert "A disability certificate number has 20 characters" in bad.content.decode()
    assert certificate not in check
    assert f"{certificate[:3]}" in check
    shop = Producer.objects.get()
    assert shop.disability_certificate_number == certificate
    assert (shop.disability_category, shop.disability_grade) == (4, 2)
    assert certificate not in str(AuditEvent.objects.get(seller=shop).extra_data)


def test_open_shop_cooperative_skips_the_identity_questions(client):
    client.force_login(UserFactory())
    _answer(client, "name", {"name": "合作社"})
    assert _answer(client, "kind", {"kind": ProducerKind.COOPERATIVE}).endswith("/province/")
    assert client.get(f"{STEPS}certificate/").status_code == 302


def test_open_shop_county_is_chosen_without_javascript_grouped_by_city(client):
    # given
    client.force_login(UserFactory())
    _answer(client, "name", {"name": "合作社"})
    _answer(client, "kind", {"kind": ProducerKind.COOPERATIVE})
    # when
    _answer(client, "province", {"province": "62"})
    html = client.get(f"{STEPS}county/").content.decode()
    # then
    assert '<optgroup label="定西市">' in html
    assert "渭源县" in html
    assert "<script" not in html.split("</head>")[1]
    assert "Province:" in html
    assert "甘肃省" in html


def test_open_shop_county_of_another_province_is_refused_and_needs_a_province_first(client):
    client.force_login(UserFactory())
    assert client.get(f"{STEPS}county/")["Location"] == "/en/seller/signup/shop/province/"
    _answer(client, "province", {"province": "62"})
    beijing_district = Region.objects.filter(province_code="11", level=3).first()
    assert beijing_district is not None
    response = client.post(f"{STEPS}county/", {"county": str(beijing_district.pk)})
    assert "Choose the county or district" in response.content.decode()


def test_open_shop_changing_the_province_asks_for_the_county_again(client):
    # given
    client.force_login(UserFactory())
    _open_cooperative(client)
    # when
    after = _answer(client, "province", {"province": "45"}, returning=True)
    # then
    assert after == "/en/seller/signup/shop/county/?return=check"
    assert client.get(f"{STEPS}check/")["Location"].endswith("/county/")


def test_open_shop_check_without_answers_goes_to_the_first_question(client):
    client.force_login(UserFactory())
    assert client.get(f"{STEPS}check/")["Location"] == "/en/seller/signup/shop/name/"


def test_open_shop_empty_name_shows_error_summary(client):
    client.force_login(UserFactory())
    html = client.post(f"{STEPS}name/", {"name": "  "}).content.decode()
    assert "data-error-summary" in html
    assert "Enter the name of your shop" in html


def test_open_shop_unknown_step_is_404(client):
    client.force_login(UserFactory())
    assert client.get(f"{STEPS}nothing/").status_code == 404


def test_open_shop_forms_refuse_posts_without_csrf():
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(UserFactory())
    for step in ("name", "kind", "province", "place", "story", "check"):
        assert strict.post(f"{STEPS}{step}/", {}).status_code == 403, step
