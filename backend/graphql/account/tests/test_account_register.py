from __future__ import annotations

import pytest

from backend.accounts.models import User
from backend.graphql.checkout.tests.fixtures import codes, payload

REGISTER = """
mutation Register($input: AccountRegisterInput!) {
  accountRegister(input: $input) {
    requiresConfirmation
    user { email firstName name }
    errors { field code message }
  }
}
"""
GOOD_PASSWORD = "sunny hills of gansu 2024"


def register(api, **fields):  # type: ignore[no-untyped-def]
    data = {"email": "new-buyer@example.test", "password": GOOD_PASSWORD, **fields}
    return payload(api(REGISTER, {"input": data}), "accountRegister")


def test_account_register_creates_user_who_can_sign_in(api, db):
    # when
    result = register(api, firstName="小红", lastName="刘")

    # then
    assert result["errors"] == []
    assert result["requiresConfirmation"] is False
    assert result["user"] == {
        "email": "new-buyer@example.test",
        "firstName": "刘小红",
        "name": "刘小红",
    }
    user = User.objects.get(email="new-buyer@example.test")
    assert user.check_password(GOOD_PASSWORD)
    assert user.is_active


def test_account_register_email_taken_unique(api, customer):
    # when
    result = register(api, email="CUSTOMER@example.test")

    # then
    assert codes(result) == [("email", "UNIQUE")]
    assert User.objects.filter(email__iexact="customer@example.test").count() == 1


@pytest.mark.parametrize(("email", "code"), [("", "REQUIRED"), ("not-an-email", "INVALID")])
def test_account_register_bad_email_refused(api, db, email, code):
    # when
    result = register(api, email=email)

    # then
    assert codes(result) == [("email", code)]
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("abc", {"PASSWORD_TOO_SHORT"}),
        ("password123", {"PASSWORD_TOO_COMMON"}),
        ("58204719365", {"PASSWORD_ENTIRELY_NUMERIC"}),
        ("new-buyer@example", {"PASSWORD_TOO_SIMILAR"}),
    ],
)
def test_account_register_weak_password_refused(api, db, password, expected):
    # when
    result = register(api, password=password)

    # then
    assert {field for field, _code in codes(result)} == {"password"}
    assert expected <= {code for _field, code in codes(result)}
    assert not User.objects.exists()
