"""Registering an account: a seller, a helper or a customer, with a mobile number or an e-mail.

`register_account(...)` is the one way accounts are made (the seller portal's sign-up and the
GraphQL `accountRegister` mutation both call it). It reports every problem at once
(`RegistrationError.problems`, each with a field, a stable code and a plain-words message), so
a form can show them all together.

Mobile numbers are checked with `phonenumbers` as mainland China mobile numbers and stored in
the national 11-digit form (`13912345678`), which is what sellers type to sign in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import phonenumbers
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User

NAME_MAX_LENGTH = User._meta.get_field("name").max_length or 100
_MOBILE_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)


class RegistrationErrorCode(TextChoices):
    """Stable codes; the password ones are Django's validator codes (Saleor's names)."""

    REQUIRED = "required"
    INVALID = "invalid"
    UNIQUE = "unique"
    INVALID_PASSWORD = "invalid_password"
    PASSWORD_TOO_SHORT = "password_too_short"
    PASSWORD_TOO_COMMON = "password_too_common"
    PASSWORD_ENTIRELY_NUMERIC = "password_entirely_numeric"
    PASSWORD_TOO_SIMILAR = "password_too_similar"


@dataclass(frozen=True)
class RegistrationProblem:
    field: str  # "name", "email", "mobile" or "password"
    code: RegistrationErrorCode
    message: str


class RegistrationError(Exception):
    """Nothing was created; `problems` says what to fix, field by field."""

    def __init__(self, problems: list[RegistrationProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.code}" for p in problems))


@dataclass(frozen=True)
class CheckedRegistration:
    name: str
    email: str | None
    mobile: str | None


def normalise_mobile(value: str) -> str | None:
    """A mainland China mobile number in its 11-digit national form, or None if it is not one.

    Accepts what people type: spaces, dashes, a +86 or 0086 prefix.
    """
    text = (value or "").strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 86 or not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        return None
    return str(number.national_number)


def normalise_email(value: str) -> str:
    return User.objects.normalize_email((value or "").strip())


def looks_like_email(login: str) -> bool:
    return "@" in (login or "")


def _problem(field: str, code: RegistrationErrorCode, message: Any) -> RegistrationProblem:
    return RegistrationProblem(field, code, str(message))


def _check_email(email: str, problems: list[RegistrationProblem]) -> None:
    try:
        validate_email(email)
    except ValidationError:
        problems.append(
            _problem(
                "email",
                RegistrationErrorCode.INVALID,
                _("Enter an email address in the right form, like name@example.com."),
            )
        )
        return
    if User.objects.filter(email__iexact=email).exists():
        problems.append(_already_used("email"))


def _check_mobile(raw: str, problems: list[RegistrationProblem]) -> str | None:
    mobile = normalise_mobile(raw)
    if mobile is None:
        problems.append(
            _problem(
                "mobile",
                RegistrationErrorCode.INVALID,
                _("Enter a mainland China mobile number with 11 digits, like 139 1234 5678."),
            )
        )
        return None
    if User.objects.filter(mobile=mobile).exists():
        problems.append(_already_used("mobile"))
    return mobile


def _already_used(field: str) -> RegistrationProblem:
    message = (
        _("An account already uses this email address. Sign in with it instead.")
        if field == "email"
        else _("An account already uses this mobile number. Sign in with it instead.")
    )
    return _problem(field, RegistrationErrorCode.UNIQUE, message)


def _check_password(
    password: str, candidate: CheckedRegistration, problems: list[RegistrationProblem]
) -> None:
    if not password:
        problems.append(
            _problem("password", RegistrationErrorCode.REQUIRED, _("Enter a password."))
        )
        return
    user = User(email=candidate.email, mobile=candidate.mobile, name=candidate.name)
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        known = {code.value for code in RegistrationErrorCode}
        for item in error.error_list:
            code = item.code if item.code in known else RegistrationErrorCode.INVALID_PASSWORD
            message = item.message % item.params if item.params else item.message
            problems.append(_problem("password", RegistrationErrorCode(code), message))


def check_registration(
    *, name: str = "", email: str | None = None, mobile: str | None = None, password: str
) -> CheckedRegistration:
    """Every check of `register_account`, without writing anything. Raises RegistrationError."""
    problems: list[RegistrationProblem] = []
    name = " ".join((name or "").split())
    if len(name) > NAME_MAX_LENGTH:
        problems.append(
            _problem(
                "name",
                RegistrationErrorCode.INVALID,
                _("Use %(limit)d characters or fewer for the name.") % {"limit": NAME_MAX_LENGTH},
            )
        )
    clean_email = normalise_email(email) if email else None
    clean_mobile: str | None = None
    if clean_email:
        _check_email(clean_email, problems)
    if mobile and mobile.strip():
        clean_mobile = _check_mobile(mobile, problems)
    if not clean_email and not (mobile and mobile.strip()):
        problems.append(
            _problem(
                "email",
                RegistrationErrorCode.REQUIRED,
                _("Enter a mobile number or an email address."),
            )
        )
    checked = CheckedRegistration(name=name, email=clean_email or None, mobile=clean_mobile)
    _check_password(password, checked, problems)
    if problems:
        raise RegistrationError(problems)
    return checked


def register_account(
    *, password: str, name: str = "", email: str | None = None, mobile: str | None = None
) -> User:
    """Create an active account that can sign in at once (no confirmation step).

    Raises RegistrationError (every problem at once; UNIQUE also when a concurrent sign-up took
    the number or address between the check and the insert).
    """
    checked = check_registration(name=name, email=email, mobile=mobile, password=password)
    try:
        with transaction.atomic(durable=True):
            return User.objects.create_user(
                checked.email, password, mobile=checked.mobile, name=checked.name
            )
    except IntegrityError:
        raise RegistrationError([_already_used("email" if checked.email else "mobile")]) from None
