"""requestPasswordReset, setPassword, accountRequestDeletion and accountDelete."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.core.cache import caches
from django.test import override_settings

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.checkout.tests.scenarios import make_courier
from backend.graphql.account.tokens import ACCESS, create_token
from backend.graphql.checkout.tests.fixtures import codes, payload
from backend.personal_data.tests.scenarios import Marketplace, build_marketplace, place_order
from backend.security.limits import GRAPHQL, LimitRule, RateLimitPolicy, get_rate_limit_policy

REDIRECT = "http://localhost/reset-password/"

REQUEST_RESET = """
mutation Reset($email: String!, $redirectUrl: String!) {
  requestPasswordReset(email: $email, redirectUrl: $redirectUrl) { errors { field code } }
}
"""
SET_PASSWORD = """
mutation Set($email: String!, $token: String!, $password: String!) {
  setPassword(email: $email, token: $token, password: $password) {
    token user { email } errors { field code }
  }
}
"""
REQUEST_DELETION = """
mutation Ask($redirectUrl: String!) {
  accountRequestDeletion(redirectUrl: $redirectUrl) { errors { field code message } }
}
"""
DELETE = """
mutation Delete($token: String!) {
  accountDelete(token: $token) { user { email isActive } errors { field code } }
}
"""


@pytest.fixture(autouse=True)
def private_folders(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.VERIFICATION_EVIDENCE_ROOT = tmp_path / "private-evidence"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path


@pytest.fixture
def market(channel) -> Marketplace:  # type: ignore[no-untyped-def]
    return build_marketplace(channel, make_courier())


def _query_of_link(message: mail.EmailMessage) -> dict[str, str]:
    found = re.search(r"https?://\S+", str(message.body))
    assert found is not None
    assert found.group(0).startswith(REDIRECT)
    return {k: v[0] for k, v in parse_qs(urlsplit(found.group(0)).query).items()}


@pytest.mark.django_db
def test_request_password_reset_known_and_unknown_answer_alike(
    api, django_capture_on_commit_callbacks
) -> None:
    # given
    UserFactory(email="known@example.test")

    # when
    with django_capture_on_commit_callbacks(execute=True):
        known = api(REQUEST_RESET, {"email": "known@example.test", "redirectUrl": REDIRECT})
        unknown = api(REQUEST_RESET, {"email": "nobody@example.test", "redirectUrl": REDIRECT})

    # then
    assert payload(known, "requestPasswordReset") == payload(unknown, "requestPasswordReset")
    assert payload(known, "requestPasswordReset")["errors"] == []
    assert [m.to for m in mail.outbox] == [["known@example.test"]]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["https://evil.example/reset/", "javascript:alert(1)", "/reset/"])
def test_request_password_reset_foreign_redirect_url_invalid(api, url: str) -> None:
    # given
    UserFactory(email="known@example.test")

    # when
    result = payload(
        api(REQUEST_RESET, {"email": "known@example.test", "redirectUrl": url}),
        "requestPasswordReset",
    )

    # then
    assert codes(result) == [("redirectUrl", "INVALID")]
    assert mail.outbox == []


@pytest.mark.django_db
def test_set_password_with_the_mailed_token_changes_it_and_signs_in(
    api, django_capture_on_commit_callbacks
) -> None:
    # given
    user = UserFactory(email="known@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        api(REQUEST_RESET, {"email": "known@example.test", "redirectUrl": REDIRECT})
    link = _query_of_link(mail.outbox[0])
    variables = {"email": link["email"], "token": link["token"], "password": "brand new words 9"}

    # when
    result = payload(api(SET_PASSWORD, variables), "setPassword")
    again = payload(api(SET_PASSWORD, variables), "setPassword")

    # then
    assert result["errors"] == []
    assert result["token"]
    assert result["user"] == {"email": "known@example.test"}
    assert authenticate(username="known@example.test", password="brand new words 9") == user
    assert codes(again) == [("token", "INVALID")]


@pytest.mark.django_db
def test_set_password_weak_password_reports_the_validator_code(
    api, django_capture_on_commit_callbacks
) -> None:
    # given
    UserFactory(email="known@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        api(REQUEST_RESET, {"email": "known@example.test", "redirectUrl": REDIRECT})
    link = _query_of_link(mail.outbox[0])

    # when
    result = payload(
        api(SET_PASSWORD, {"email": link["email"], "token": link["token"], "password": "123"}),
        "setPassword",
    )

    # then
    assert ("password", "PASSWORD_TOO_SHORT") in codes(result)


@pytest.mark.django_db
def test_set_password_wrong_token_invalid(api) -> None:
    # given
    UserFactory(email="known@example.test")

    # when
    result = payload(
        api(
            SET_PASSWORD,
            {"email": "known@example.test", "token": "abc-123", "password": "brand new words 9"},
        ),
        "setPassword",
    )

    # then
    assert codes(result) == [("token", "INVALID")]


@pytest.mark.django_db
def test_account_delete_with_mailed_token_erases_the_account(
    api, market: Marketplace, django_capture_on_commit_callbacks
) -> None:
    # given
    token = create_token(market.buyer, ACCESS)
    with django_capture_on_commit_callbacks(execute=True):
        asked = api(REQUEST_DELETION, {"redirectUrl": REDIRECT}, token=token)
    link = _query_of_link(mail.outbox[0])

    # when
    result = payload(api(DELETE, {"token": link["token"]}, token=token), "accountDelete")

    # then
    assert payload(asked, "accountRequestDeletion")["errors"] == []
    assert result["errors"] == []
    assert result["user"] == {
        "email": f"deleted-{market.buyer.pk}@erased.invalid",
        "isActive": False,
    }
    assert AuditEvent.objects.filter(event_type=AuditEventType.ACCOUNT_DELETION_REQUESTED).exists()
    assert AuditEvent.objects.filter(event_type=AuditEventType.ACCOUNT_DELETED).exists()


@pytest.mark.django_db
def test_account_delete_wrong_token_invalid(api, market: Marketplace) -> None:
    # when
    result = payload(
        api(DELETE, {"token": "nope"}, token=create_token(market.buyer, ACCESS)), "accountDelete"
    )

    # then
    assert codes(result) == [("token", "INVALID")]
    market.buyer.refresh_from_db()
    assert market.buyer.is_active


@pytest.mark.django_db
def test_account_request_deletion_with_order_in_flight_reports_the_blocker(
    api, market: Marketplace
) -> None:
    # given
    place_order(market.channel, market.courier, market.buyer, market.shop)

    # when
    result = payload(
        api(REQUEST_DELETION, {"redirectUrl": REDIRECT}, token=create_token(market.buyer, ACCESS)),
        "accountRequestDeletion",
    )

    # then
    assert codes(result) == [(None, "ORDER_IN_PROGRESS")]
    assert mail.outbox == []


@pytest.mark.django_db
def test_account_delete_anonymous_is_a_top_level_error(api) -> None:
    # when
    response = api(DELETE, {"token": "x"})

    # then
    assert response.errors is not None
    assert response.data == {"accountDelete": None}


class ResetPolicy(RateLimitPolicy):
    def rules(self) -> Iterable[LimitRule]:
        return (
            LimitRule(
                "password-reset",
                frozenset({GRAPHQL}),
                "50/m",
                "2/m",
                ("email",),
                mutation_fields=frozenset({"requestPasswordReset"}),
            ),
        )


@pytest.fixture
def limits_on() -> Iterator[None]:
    caches["ratelimit"].clear()
    get_rate_limit_policy.cache_clear()
    with override_settings(
        RATELIMIT_ENABLE=True,
        RATE_LIMIT_POLICY="backend.graphql.account.tests.test_privacy_mutations.ResetPolicy",
    ):
        yield
    get_rate_limit_policy.cache_clear()
    caches["ratelimit"].clear()


@pytest.mark.django_db
def test_request_password_reset_over_account_limit_answers_429_other_mutations_not(
    client, api, limits_on: None
) -> None:
    # given
    variables = {"email": "a@example.test", "redirectUrl": REDIRECT}
    assert [api(REQUEST_RESET, variables).status for _ in range(2)] == [200, 200]

    # when
    limited = api(REQUEST_RESET, variables)
    other = api(DELETE, {"token": "x"})

    # then
    assert limited.status == 429
    assert limited.errors[0]["extensions"]["code"] == "TOO_MANY_REQUESTS"
    assert other.status == 200
