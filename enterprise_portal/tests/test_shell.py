"""The portal shell: landing, sign-in with e-mail or mobile number, the user's enterprises, the
overview 404 alike for someone else's enterprise and a missing one."""

from __future__ import annotations

import pytest
from django.test import Client

from backend.accounts.tests.factories import PASSWORD
from backend.enterprises.models import EnterpriseRole
from backend.enterprises.tests.factories import EnterpriseMemberFactory

pytestmark = pytest.mark.django_db


def test_landing_signed_out_offers_register_and_sign_in(client: Client) -> None:
    # when
    response = client.get("/en/enterprise/")
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#main"' in html
    assert 'id="main"' in html
    assert "/en/enterprise/register/" in html
    assert "/en/enterprise/login/" in html


@pytest.mark.parametrize("login_field", ["email", "mobile"])
def test_sign_in_email_or_mobile_lands_on_enterprises(client: Client, login_field: str) -> None:
    # given
    member = EnterpriseMemberFactory(role=EnterpriseRole.ADMIN)
    # when
    response = client.post(
        "/en/enterprise/login/",
        {"login": getattr(member.user, login_field), "password": PASSWORD},
        follow=True,
    )
    # then
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/en/enterprise/"
    assert member.enterprise.name in html
    assert "administrator" in html


def test_sign_in_wrong_password_error_summary(client: Client) -> None:
    # given
    member = EnterpriseMemberFactory()
    # when
    response = client.post(
        "/en/enterprise/login/", {"login": member.user.email, "password": "wrong"}
    )
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "data-error-summary" in html


def test_overview_signed_out_redirects_to_enterprise_sign_in(client: Client) -> None:
    # given
    member = EnterpriseMemberFactory()
    # when
    response = client.get(f"/en/enterprise/{member.enterprise_id}/")
    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/en/enterprise/login/")


def test_overview_other_enterprise_and_missing_both_404(client: Client) -> None:
    # given
    mine = EnterpriseMemberFactory()
    theirs = EnterpriseMemberFactory()
    client.force_login(mine.user)
    # when
    own = client.get(f"/en/enterprise/{mine.enterprise_id}/")
    other = client.get(f"/en/enterprise/{theirs.enterprise_id}/")
    missing = client.get("/en/enterprise/999999/")
    # then
    assert own.status_code == 200
    assert other.status_code == 404
    assert missing.status_code == 404
