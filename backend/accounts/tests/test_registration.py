"""register_account: every problem at once, mobile numbers in their stored form."""

from __future__ import annotations

import pytest

from backend.accounts.lookups import get_user_by_login, normalise_login
from backend.accounts.models import User
from backend.accounts.registration import (
    RegistrationError,
    RegistrationErrorCode,
    normalise_mobile,
    register_account,
)
from backend.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = "sunny hills of gansu 2024"


def _codes(error: RegistrationError) -> list[tuple[str, str]]:
    return [(p.field, p.code.value) for p in error.problems]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13912345678", "13912345678"),
        ("139 1234 5678", "13912345678"),
        ("+86 139-1234-5678", "13912345678"),
        ("008613912345678", "13912345678"),
        ("010 6552 9988", None),  # a Beijing landline
        ("1391234567", None),
        ("+1 415 555 0100", None),
        ("", None),
    ],
)
def test_normalise_mobile_accepts_only_mainland_mobiles(typed, stored):
    assert normalise_mobile(typed) == stored


def test_register_account_with_mobile_stores_the_national_number():
    # when
    user = register_account(name=" 刘  小红 ", mobile="+86 139 1234 5678", password=GOOD)
    # then
    assert (user.name, user.mobile, user.email) == ("刘 小红", "13912345678", None)
    assert user.check_password(GOOD)
    assert get_user_by_login("139-1234-5678") == user


def test_register_account_with_email_is_found_case_insensitively():
    user = register_account(email="Xiao@Example.TEST", password=GOOD)
    assert get_user_by_login("xiao@example.test") == user
    assert normalise_login(" xiao@example.test ") == "xiao@example.test"


def test_register_account_reports_every_problem_at_once():
    # when
    with pytest.raises(RegistrationError) as caught:
        register_account(email="not-an-email", mobile="123", password="abc")
    # then
    codes = _codes(caught.value)
    assert ("email", "invalid") in codes
    assert ("mobile", "invalid") in codes
    assert ("password", "password_too_short") in codes
    assert not User.objects.exists()


def test_register_account_needs_a_mobile_or_an_email():
    with pytest.raises(RegistrationError) as caught:
        register_account(password=GOOD)
    assert _codes(caught.value) == [("email", RegistrationErrorCode.REQUIRED.value)]


def test_register_account_mobile_or_email_taken_is_unique():
    UserFactory(mobile="13912345678", email="taken@example.test")
    with pytest.raises(RegistrationError) as by_mobile:
        register_account(mobile="139 1234 5678", password=GOOD)
    with pytest.raises(RegistrationError) as by_email:
        register_account(email="TAKEN@example.test", password=GOOD)
    assert _codes(by_mobile.value) == [("mobile", "unique")]
    assert _codes(by_email.value) == [("email", "unique")]


def test_register_account_password_like_the_mobile_number_is_too_similar():
    with pytest.raises(RegistrationError) as caught:
        register_account(email="xiaohong@example.test", password="xiaohong@example")
    assert ("password", "password_too_similar") in _codes(caught.value)


def test_get_user_by_login_unknown_raises():
    with pytest.raises(User.DoesNotExist):
        get_user_by_login("13600000000")
    with pytest.raises(User.DoesNotExist):
        get_user_by_login("")
