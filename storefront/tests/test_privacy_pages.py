"""The privacy pages: download, delete (with the password), and the password reset flow."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.core.cache import caches
from django.test import Client, override_settings

from backend.accounts.tests.factories import PASSWORD, UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.checkout.tests.scenarios import make_courier
from backend.personal_data.tests.scenarios import Marketplace, build_marketplace, place_order
from backend.security.limits import LimitRule, RateLimitPolicy, get_rate_limit_policy

pytestmark = pytest.mark.django_db

PRIVACY = "/en/account/privacy/"
DELETE = "/en/account/privacy/delete/"
RESET = "/en/account/password-reset/"


@pytest.fixture(autouse=True)
def private_folders(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.VERIFICATION_EVIDENCE_ROOT = tmp_path / "private-evidence"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path


@pytest.fixture
def market(channel) -> Marketplace:  # type: ignore[no-untyped-def]
    return build_marketplace(channel, make_courier())


def test_privacy_page_anonymous_is_sent_to_sign_in(client: Client) -> None:
    response = client.get(PRIVACY)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/?next=")


def test_privacy_page_offers_download_and_deletion(client: Client, market: Marketplace) -> None:
    # given
    client.force_login(market.buyer)

    # when
    page = client.get(PRIVACY).content.decode()

    # then
    assert "<h1>Your personal data</h1>" in page
    assert 'action="/en/account/privacy/download/"' in page
    assert 'href="/en/account/privacy/delete/"' in page


def test_privacy_download_is_a_json_attachment_and_audited(
    client: Client, market: Marketplace
) -> None:
    # given
    client.force_login(market.buyer)

    # when
    response = client.post("/en/account/privacy/download/")

    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="sunshine-market-')
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["sections"]["account"]["email"] == "wang.buyer@example.test"
    assert AuditEvent.objects.filter(event_type=AuditEventType.PERSONAL_DATA_EXPORTED).exists()


def test_account_delete_wrong_password_shows_the_error_and_keeps_the_account(
    client: Client, market: Marketplace
) -> None:
    # given
    client.force_login(market.buyer)

    # when
    response = client.post(DELETE, {"password": "not it"})

    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Delete your account" in page
    assert 'href="#id_password"' in page
    assert "The password is not right." in page
    assert 'aria-invalid="true"' in page
    market.buyer.refresh_from_db()
    assert market.buyer.is_active


def test_account_delete_with_password_deletes_and_signs_out(
    client: Client, market: Marketplace
) -> None:
    # given
    client.force_login(market.buyer)

    # when
    response = client.post(DELETE, {"password": PASSWORD})

    # then
    assert response.status_code == 302
    assert response["Location"] == "/en/account/deleted/"
    market.buyer.refresh_from_db()
    assert not market.buyer.is_active
    assert client.get(PRIVACY).status_code == 302  # signed out
    assert "Your account has been deleted" in client.get("/en/account/deleted/").content.decode()


def test_account_delete_signs_the_account_out_of_every_other_browser(
    market: Marketplace,
) -> None:
    # given: signed in on a phone and on a computer
    phone, computer = Client(), Client()
    for browser in (phone, computer):
        assert browser.login(username="wang.buyer@example.test", password=PASSWORD)

    # when
    phone.post(DELETE, {"password": PASSWORD})

    # then
    assert computer.get(PRIVACY).status_code == 302


def test_account_delete_while_an_order_is_in_flight_says_what_to_do(
    client: Client, market: Marketplace
) -> None:
    # given
    place_order(market.channel, market.courier, market.buyer, market.shop)
    client.force_login(market.buyer)

    # when
    page = client.get(DELETE).content.decode()
    posted = client.post(DELETE, {"password": PASSWORD})

    # then
    assert "You cannot delete your account yet" in page
    assert "1 order that is not finished" in page
    assert 'name="password"' not in page
    assert posted.status_code == 200
    market.buyer.refresh_from_db()
    assert market.buyer.is_active


def test_account_delete_page_names_the_shop_that_will_close(
    client: Client, market: Marketplace
) -> None:
    # given
    client.force_login(market.seller)

    # when
    page = client.get(DELETE).content.decode()

    # then
    assert "小李的党参店 will close." in page


def _reset_link(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://\S+", str(message.body))
    assert found is not None
    return found.group(0).replace("http://testserver", "")


def test_password_reset_known_and_unknown_logins_get_the_same_answer(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    # given
    UserFactory(email="known@example.test", mobile="13911112222")

    # when
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(RESET, {"login": "known@example.test"})
        unknown = client.post(RESET, {"login": "nobody@example.test"})
        by_mobile = client.post(RESET, {"login": "139 1111 2222"})

    # then
    assert known.status_code == unknown.status_code == by_mobile.status_code == 302
    assert known["Location"] == unknown["Location"] == "/en/account/password-reset/sent/"
    assert [m.to for m in mail.outbox] == [["known@example.test"], ["known@example.test"]]
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.PASSWORD_RESET_REQUESTED).count() == 2
    )


def test_password_reset_mail_is_sent_only_after_commit(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    # given
    UserFactory(email="known@example.test")

    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(RESET, {"login": "known@example.test"})

    # then
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_password_reset_link_sets_a_new_password_once(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    # given
    user = UserFactory(email="known@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"login": "known@example.test"})
    link = _reset_link(mail.outbox[0])

    # when
    form_page = client.get(link, follow=True)
    saved = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a new long passphrase", "new_password2": "a new long passphrase"},
    )

    # then
    assert "Choose a new password" in form_page.content.decode()
    assert saved.status_code == 302
    assert saved["Location"] == "/en/account/password-reset/done/"
    assert authenticate(username="known@example.test", password="a new long passphrase") == user
    event = AuditEvent.objects.get(event_type=AuditEventType.PASSWORD_RESET_COMPLETED)
    assert event.actor_id == user.pk
    assert "This link does not work" in client.get(link, follow=True).content.decode()


def test_password_reset_new_password_errors_keep_the_form(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    # given
    UserFactory(email="known@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"login": "known@example.test"})
    form_url = client.get(_reset_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]

    # when
    page = client.post(form_url, {"new_password1": "12345678", "new_password2": "1234"})

    # then
    text = page.content.decode()
    assert page.status_code == 200
    assert "<title>Error: Choose a new password" in text
    assert 'href="#id_new_password2"' in text


class TightPolicy(RateLimitPolicy):
    def rules(self) -> Iterable[LimitRule]:
        views = frozenset({"storefront:password_reset"})
        return (LimitRule("password-reset", views, "5/m", "2/m", ("login",)),)


@pytest.fixture
def limits_on() -> Iterator[None]:
    caches["ratelimit"].clear()
    get_rate_limit_policy.cache_clear()
    with override_settings(
        RATELIMIT_ENABLE=True,
        RATE_LIMIT_POLICY="storefront.tests.test_privacy_pages.TightPolicy",
    ):
        yield
    get_rate_limit_policy.cache_clear()
    caches["ratelimit"].clear()


def test_password_reset_over_account_limit_answers_429(client: Client, limits_on: None) -> None:
    # given: two requests for one account, from two addresses
    for ip in ("198.51.100.1", "198.51.100.2"):
        assert client.post(RESET, {"login": "a@example.test"}, REMOTE_ADDR=ip).status_code == 302

    # when
    response = client.post(RESET, {"login": "A@example.test"}, REMOTE_ADDR="198.51.100.3")

    # then
    assert response.status_code == 429
    assert "Retry-After" in response


def test_rate_limit_policy_covers_password_reset_per_ip_and_account() -> None:
    # given
    policy = RateLimitPolicy()

    # when
    rules = {view: policy.rules_for(view) for view in ("storefront:password_reset",)}

    # then
    (rule,) = rules["storefront:password_reset"]
    assert (rule.per_ip, rule.per_account) == ("10/h", "5/h")
    assert "login" in rule.account_fields
