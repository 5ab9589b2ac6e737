from __future__ import annotations

import pytest
from django.test import Client

from backend.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["email", "mobile"])
def test_sign_in_with_email_or_mobile_redirects_to_portal_home(client, field):
    # given
    user = UserFactory()
    # when
    response = client.post("/seller/login/", {"login": getattr(user, field), "password": PASSWORD})
    # then
    assert response.status_code == 302
    assert response["Location"] == "/seller/"


def test_sign_in_wrong_password_shows_error_summary_and_keeps_login(client):
    # given
    user = UserFactory()
    # when
    response = client.post("/seller/login/", {"login": user.mobile, "password": "nope"})
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html
    assert f'value="{user.mobile}"' in html
    assert "<title>错误：" in html or "<title>错误:" in html


def test_sign_in_empty_form_links_each_error_to_its_field(client):
    response = client.post("/en/seller/login/", {"login": "", "password": ""})
    html = response.content.decode()
    assert 'href="#id_login"' in html
    assert 'href="#id_password"' in html
    assert "Enter your mobile number or email address" in html


def test_sign_in_next_to_another_host_is_ignored(client):
    user = UserFactory()
    response = client.post(
        "/seller/login/?next=https://evil.example/", {"login": user.email, "password": PASSWORD}
    )
    assert response["Location"] == "/seller/"


def test_sign_in_without_csrf_token_is_refused():
    # given
    user = UserFactory()
    strict = Client(enforce_csrf_checks=True)
    # when
    response = strict.post("/seller/login/", {"login": user.email, "password": PASSWORD})
    # then
    assert response.status_code == 403


def test_sign_out_requires_post(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/seller/logout/").status_code == 405
    assert client.post("/seller/logout/").status_code == 302
    assert client.get("/seller/").status_code == 302
