from __future__ import annotations

from backend.checkout.tests.scenarios import new_user
from backend.graphql.checkout.tests.fixtures import codes, payload

TOKEN_CREATE = """
mutation Login($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) {
    token refreshToken csrfToken
    user { email }
    errors { field code message }
  }
}
"""

ME = "{ me { email } }"


def login(api, email, password):  # type: ignore[no-untyped-def]
    return payload(api(TOKEN_CREATE, {"email": email, "password": password}), "tokenCreate")


def test_token_create_valid_credentials_token_signs_in(api, customer, password):
    # when
    result = login(api, "Customer@example.test", password)

    # then
    assert result["errors"] == []
    assert result["user"] == {"email": customer.email}
    assert result["refreshToken"]
    me = payload(api(ME, token=result["token"]), "me")
    assert me == {"email": customer.email}


def test_token_create_mobile_number_accepted(api, customer, password):
    # when
    result = login(api, customer.mobile, password)

    # then
    assert result["errors"] == []
    assert result["user"] == {"email": customer.email}


def test_token_create_wrong_password_invalid_credentials(api, customer):
    # when
    result = login(api, customer.email, "not the password")

    # then
    assert codes(result) == [("email", "INVALID_CREDENTIALS")]
    assert result["token"] is None


def test_token_create_unknown_email_invalid_credentials(api, customer, password):
    # when
    result = login(api, "nobody@example.test", password)

    # then
    assert codes(result) == [("email", "INVALID_CREDENTIALS")]


def test_token_create_inactive_user_invalid_credentials(api, db, password):
    # given
    user = new_user(email="gone@example.test", is_active=False)

    # when
    result = login(api, user.email, password)

    # then
    assert codes(result) == [("email", "INVALID_CREDENTIALS")]
