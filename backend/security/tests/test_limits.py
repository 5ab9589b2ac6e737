from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from backend.accounts.tests.factories import UserFactory
from backend.security.limits import GRAPHQL, LimitRule, RateLimitPolicy, get_rate_limit_policy

SIGN_IN = "/en/seller/login/"


class TightPolicy(RateLimitPolicy):
    def rules(self) -> Iterable[LimitRule]:
        return (
            LimitRule("sign-in", frozenset({"seller_portal:sign_in"}), "3/m", "2/m", ("login",)),
            LimitRule("graphql-mutation", frozenset({GRAPHQL}), "3/m", "2/m", ("email",)),
        )


@pytest.fixture
def limits_on() -> Iterator[None]:
    caches["ratelimit"].clear()
    get_rate_limit_policy.cache_clear()
    with override_settings(
        RATELIMIT_ENABLE=True, RATE_LIMIT_POLICY="backend.security.tests.test_limits.TightPolicy"
    ):
        yield
    get_rate_limit_policy.cache_clear()
    caches["ratelimit"].clear()


def _sign_in(client: Client, login: str, ip: str) -> int:
    response = client.post(SIGN_IN, {"login": login, "password": "wrong"}, REMOTE_ADDR=ip)
    return response.status_code


@pytest.mark.django_db
def test_sign_in_over_ip_limit_answers_429_with_when_to_retry(
    client: Client, limits_on: None
) -> None:
    # given: three attempts for three accounts from one address
    assert [_sign_in(client, f"u{i}@example.test", "198.51.100.7") for i in range(3)] == [200] * 3

    # when
    response = client.post(
        SIGN_IN, {"login": "u9@example.test", "password": "x"}, REMOTE_ADDR="198.51.100.7"
    )

    # then
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Too many attempts. For your safety, please wait 1 minute" in response.content.decode()


@pytest.mark.django_db
def test_sign_in_over_account_limit_from_many_addresses_answers_429(
    client: Client, limits_on: None
) -> None:
    # given: two attempts at one account from two addresses
    assert _sign_in(client, "seller@example.test", "198.51.100.1") == 200
    assert _sign_in(client, "Seller@Example.test ", "198.51.100.2") == 200

    # when: a third address
    status = _sign_in(client, "seller@example.test", "198.51.100.3")

    # then
    assert status == 429


@pytest.mark.django_db
def test_sign_in_limits_off_by_setting_never_429(client: Client) -> None:
    # given: limits are off in this settings (the default for other tests)
    caches["ratelimit"].clear()

    # when
    statuses = {_sign_in(client, "a@example.test", "198.51.100.8") for _ in range(25)}

    # then
    assert statuses == {200}


def _graphql(client: Client, query: str, variables: dict[str, object], ip: str) -> object:
    return client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        REMOTE_ADDR=ip,
    )


TOKEN_CREATE = """mutation($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token errors { code } } }"""


@pytest.mark.django_db
def test_graphql_mutations_over_account_limit_answer_429_json(
    client: Client, limits_on: None
) -> None:
    # given
    variables = {"email": "buyer@example.test", "password": "nope"}
    _graphql(client, TOKEN_CREATE, variables, "203.0.113.1")
    _graphql(client, TOKEN_CREATE, variables, "203.0.113.2")

    # when
    response = _graphql(client, TOKEN_CREATE, variables, "203.0.113.3")

    # then
    assert response.status_code == 429  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["errors"][0]["extensions"]["code"] == "TOO_MANY_REQUESTS"
    assert body["errors"][0]["extensions"]["retryAfter"] >= 1


@pytest.mark.django_db
def test_graphql_queries_never_rate_limited(client: Client, limits_on: None) -> None:
    # when
    statuses = {
        _graphql(client, "{ shop { name } }", {}, "203.0.113.9").status_code  # type: ignore[attr-defined]
        for _ in range(6)
    }

    # then
    assert statuses == {200}


@pytest.mark.django_db
def test_axes_five_failures_lock_the_account_at_that_address(client: Client) -> None:
    # given
    UserFactory(email="locked@example.test", password="right-password-123")
    with override_settings(AXES_ENABLED=True):
        statuses = [_sign_in(client, "locked@example.test", "198.51.100.20") for _ in range(5)]

        # when: even the right password
        response = client.post(
            SIGN_IN,
            {"login": "locked@example.test", "password": "right-password-123"},
            REMOTE_ADDR="198.51.100.20",
        )
        other_address = client.post(
            SIGN_IN,
            {"login": "locked@example.test", "password": "right-password-123"},
            REMOTE_ADDR="198.51.100.21",
        )

    # then: the fifth failure is answered with the lockout already
    assert statuses == [200, 200, 200, 200, 429]
    assert response.status_code == 429
    assert "15 minutes" in response.content.decode()
    assert other_address.status_code == 302


@pytest.mark.django_db
def test_axes_graphql_token_create_locked_after_five_failures_answers_429_json(
    client: Client,
) -> None:
    # given
    UserFactory(email="api@example.test", password="right-password-123")
    wrong = {"email": "api@example.test", "password": "wrong"}
    with override_settings(AXES_ENABLED=True):
        for _ in range(4):
            _graphql(client, TOKEN_CREATE, wrong, "198.51.100.30")

        # when
        response = _graphql(client, TOKEN_CREATE, wrong, "198.51.100.30")

    # then
    assert response.status_code == 429  # type: ignore[attr-defined]
    error = response.json()["errors"][0]  # type: ignore[attr-defined]
    assert error["extensions"] == {"code": "TOO_MANY_REQUESTS", "retryAfter": 900}
