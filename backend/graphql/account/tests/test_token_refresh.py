from __future__ import annotations

from datetime import timedelta

from backend.graphql.account.tokens import ACCESS, REFRESH, create_token
from backend.graphql.checkout.tests.fixtures import codes, payload

TOKEN_REFRESH = """
mutation Refresh($refreshToken: String) {
  tokenRefresh(refreshToken: $refreshToken) { token user { email } errors { field code } }
}
"""


def refresh(api, token):  # type: ignore[no-untyped-def]
    return payload(api(TOKEN_REFRESH, {"refreshToken": token}), "tokenRefresh")


def test_token_refresh_refresh_token_gives_access_token(api, customer):
    # when
    result = refresh(api, create_token(customer, REFRESH))

    # then
    assert result["errors"] == []
    assert result["user"] == {"email": customer.email}
    assert payload(api("{ me { email } }", token=result["token"]), "me") == {
        "email": customer.email
    }


def test_token_refresh_missing_token(api, customer):
    # when
    result = refresh(api, None)

    # then
    assert codes(result) == [("refreshToken", "JWT_MISSING_TOKEN")]


def test_token_refresh_access_token_is_not_a_refresh_token(api, customer):
    # when
    result = refresh(api, create_token(customer, ACCESS))

    # then
    assert codes(result) == [("refreshToken", "JWT_INVALID_TOKEN")]


def test_token_refresh_garbage_invalid(api, customer):
    # when
    result = refresh(api, "abc.def.ghi")

    # then
    assert codes(result) == [("refreshToken", "JWT_INVALID_TOKEN")]


def test_token_refresh_expired_signature(api, customer, settings):
    # given
    settings.GRAPHQL_JWT_REFRESH_TTL = timedelta(seconds=-1)
    token = create_token(customer, REFRESH)

    # when
    result = refresh(api, token)

    # then
    assert codes(result) == [("refreshToken", "JWT_SIGNATURE_EXPIRED")]


def test_token_refresh_password_changed_revokes(api, customer):
    # given
    token = create_token(customer, REFRESH)
    customer.set_password("a brand new passphrase 42")
    customer.save(update_fields=["password"])

    # when
    result = refresh(api, token)

    # then
    assert codes(result) == [("refreshToken", "JWT_INVALID_TOKEN")]
